import { z } from 'zod';
import { CohortKind, ProposalId } from '../budget/proposal';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import { RegulationId, SegmentCode } from '../regulation/regulation';

/** An enrollment run as it is stored and shown: counts, money and the expected premium invoice. */

export const RunId = z.string().regex(/^run-[a-z0-9-]{8,64}$/, 'must be an enrollment run id such as run-2027-3f9a2c1b');
export const RunStatus = z.enum(['running', 'completed', 'completed-with-failures', 'failed']);

export const RunCounts = z.object({
  /** People the approved proposal funds. */
  planned: z.number().int(),
  /** Covered by this run, with a KPJ number. */
  enrolled: z.number().int(),
  /** Not covered: the insurer refused them, or the money ran out (see the failures). */
  failed: z.number().int(),
  /** Already covered for the year by another run (e.g. an earlier cohort): nothing to do. */
  skipped: z.number().int(),
  /** Not yet handled: planned − enrolled − failed − skipped. */
  remaining: z.number().int(),
}).meta({ id: 'RunCounts' });
export type RunCounts = z.infer<typeof RunCounts>;

export const InvoiceLine = z.object({
  month: IsoMonth,
  segment: SegmentCode,
  people: z.number().int(),
  premium: z.number().int(),
  amount: z.number().int(),
}).meta({ id: 'InvoiceLine' });
export const PremiumInvoice = z.object({
  /**
   * One line per month of cover and segment: what the insurer will bill, for reconciliation,
   * without the people whose cover ended before the month.
   */
  lines: z.array(InvoiceLine),
  monthlyTotals: z.array(z.object({ month: IsoMonth, people: z.number().int(), amount: z.number().int() })),
  total: z.number().int(),
}).meta({ id: 'PremiumInvoice' });
export type PremiumInvoice = z.infer<typeof PremiumInvoice>;

export const FailureReasonCount = z.object({ reason: z.string(), people: z.number().int() }).meta({ id: 'FailureReasonCount' });

export const EnrollmentRun = z.object({
  runId: RunId,
  proposalId: ProposalId,
  regulationId: RegulationId,
  year: z.number().int(),
  cohort: CohortKind,
  coverageStart: IsoDate,
  coverageEnd: IsoDate,
  /** 1, then one more for each retry of the failures. */
  attempt: z.number().int(),
  status: RunStatus,
  counts: RunCounts,
  /** Premiums committed against the approved amount (never above it), less what was released. */
  committedAmount: z.number().int(),
  /**
   * Premiums given back to the proposal because a death or removal ended someone's cover early:
   * the months after the month cover ended (shared/core/enrollment/billed-months.ts).
   */
  releasedAmount: z.number().int(),
  approvedAmount: z.number().int(),
  failureReasons: z.array(FailureReasonCount),
  invoice: PremiumInvoice.optional(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  failure: z.string().optional(),
}).meta({ id: 'EnrollmentRun' });
export type EnrollmentRun = z.infer<typeof EnrollmentRun>;
