import { z } from 'zod';
import { CohortKind } from './proposal';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import { RegulationId } from '../regulation/regulation';

/** What users ask of a budget: propose one, decide it, review it, withdraw a decision. The API takes these as request bodies. */

export const ProposeRequest = z.strictObject({
  regulationId: RegulationId,
  year: z.number().int().min(2000).max(2100),
  cohort: CohortKind,
  /** First month of cover; January for the original APBD, e.g. 2027-07 for a mid-year top-up. */
  startMonth: IsoMonth.optional(),
  /** Undecided by this date, the proposal expires (default: 31 December before the fiscal year, or of it for a top-up). */
  decideBy: IsoDate.optional(),
  /** Chosen by the client, so that a retried request creates one proposal. */
  clientToken: z.string().min(8).max(64),
}).meta({ id: 'ProposeRequest' });

/** Finance funds the people over a segment's quota too (segment-quota.ts): explicitly, never by default. */
const FundOverTarget = z.boolean().optional();

export const DecideRequest = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), notes: z.string().max(2000).optional(), fundOverTarget: FundOverTarget }),
  z.strictObject({
    decision: z.literal('approve-with-ceiling'),
    /** The APBD ceiling (pagu), integer rupiah, below the proposal's total. */
    ceiling: z.number().int().positive(),
    notes: z.string().max(2000).optional(),
    fundOverTarget: FundOverTarget,
  }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().min(3).max(2000) }),
  z.strictObject({ decision: z.literal('request-revision'), notes: z.string().trim().min(3).max(2000) }),
]).meta({ id: 'DecideRequest' });

/** A finance officer's review of a proposal the system requested, before another officer approves it. */
export const ReviewRequest = z.strictObject({ notes: z.string().trim().min(3).max(2000).optional() }).meta({ id: 'ReviewRequest' });

/** Why a decision is taken back; the decision itself stays in the proposal's history. */
export const WithdrawRequest = z.strictObject({ reason: z.string().trim().min(3).max(2000) }).meta({ id: 'WithdrawRequest' });
