import { z } from 'zod';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import { RegulationId, SegmentCode } from '../regulation/regulation';
import { RenewalDiff } from '../renewal/renewal';

/** A budget proposal as it is stored and shown: its segments, snapshot, review and the finance office's decision. */

export const ProposalId = z.string().regex(/^bp-[a-z0-9-]{8,64}$/, 'must be a proposal id such as bp-2027-3f9a2c1b');
/** The original APBD funds January–December; an APBD-Perubahan top-up funds the rest of the year. */
export const CohortKind = z.enum(['original', 'perubahan']);

export const MonthPremium = z.object({ month: IsoMonth, premium: z.number().int() }).meta({ id: 'MonthPremium' });

export const SegmentBudget = z.object({
  segment: SegmentCode,
  name: z.string(),
  priority: z.number().int(),
  /** Eligible people of this cohort: on the roster and not yet funded by an approved cohort of the year. */
  headcount: z.number().int(),
  /** The premium per person for each month of cover, from the rates in force that month. */
  monthlyPremiums: z.array(MonthPremium),
  months: z.number().int(),
  /** Σ over months of headcount × premium, integer rupiah. */
  amount: z.number().int(),
  /** Eligible people over the segment's quota (segment-quota.ts): not in headcount; finance may fund them explicitly. */
  overTarget: z.number().int().optional(),
  /** What funding the people over the quota would cost over the cohort's months, integer rupiah. */
  overTargetAmount: z.number().int().optional(),
  /** People on this segment's roster already funded this year (by an earlier cohort): listed, with no money. */
  alreadyFunded: z.number().int().optional(),
  /** Of those, the ones funded under another segment before they moved here, per that segment. */
  movedFrom: z.record(SegmentCode, z.number().int()).optional(),
}).meta({ id: 'SegmentBudget' });
export type SegmentBudget = z.infer<typeof SegmentBudget>;

export const Snapshot = z.object({
  regulationVersion: z.number().int(),
  rosterVersion: z.number().int(),
  rateScheduleVersion: z.string(),
  /** sha256 of the above and the cohort: what the decision is bound to. */
  hash: z.string(),
}).meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof Snapshot>;

export const DecisionKind = z.enum(['approve', 'approve-with-ceiling', 'reject', 'request-revision']);

export const SegmentAllocation = z.object({
  segment: SegmentCode,
  /** People of the segment the ceiling funds: all, some (the first by NIK) or none. */
  funded: z.number().int(),
  unfunded: z.number().int(),
  amount: z.number().int(),
  /** With a partial segment: the last funded NIK in ascending order (everyone up to it is in). */
  lastFundedNik: z.string().optional(),
}).meta({ id: 'SegmentAllocation' });
export type SegmentAllocation = z.infer<typeof SegmentAllocation>;

export const Decision = z.object({
  decision: DecisionKind,
  decidedBy: z.string(),
  decidedAt: z.string(),
  notes: z.string().optional(),
  reason: z.string().optional(),
  ceiling: z.number().int().optional(),
  /** The approval funds the people over the segments' quotas too. */
  fundOverTarget: z.boolean().optional(),
  /** The snapshot the decision was made on. */
  snapshotHash: z.string(),
}).meta({ id: 'Decision' });

/** Who reviewed a system-requested proposal (separation-of-duties.ts), on which snapshot. */
export const Review = z.object({
  reviewedBy: z.string(),
  reviewedAt: z.string(),
  notes: z.string().optional(),
  snapshotHash: z.string(),
}).meta({ id: 'Review' });

/** A decision withdrawn before any enrollment run started on it, with what it had approved. */
export const WithdrawnDecision = z.object({
  decision: Decision,
  allocation: z.array(SegmentAllocation).optional(),
  approvedAmount: z.number().int().optional(),
  withdrawnBy: z.string(),
  withdrawnAt: z.string(),
  reason: z.string(),
}).meta({ id: 'WithdrawnDecision' });
export type WithdrawnDecision = z.infer<typeof WithdrawnDecision>;

export const ProposalStatus = z.enum([
  'computing',
  'pending-decision',
  'allocating',
  'approved',
  'rejected',
  'revision-requested',
  'expired',
  'failed',
]);

/** The saved scenario a proposal was requested from. */
export const ScenarioSource = z.object({ scenarioId: z.string(), version: z.number().int().positive() }).meta({ id: 'ScenarioSource' });
export type ScenarioSource = z.infer<typeof ScenarioSource>;

export const Proposal = z.object({
  proposalId: ProposalId,
  regulationId: RegulationId,
  title: z.string(),
  year: z.number().int(),
  cohort: CohortKind,
  startMonth: IsoMonth,
  /** The last month funded: December, unless the regulation stops being in force earlier (regulations/effective-period.ts). */
  endMonth: IsoMonth.optional(),
  decideBy: IsoDate,
  status: ProposalStatus,
  /** The roster, rates or regulation changed since the snapshot: it cannot feed enrollment; propose again. */
  stale: z.boolean(),
  staleBecause: z.array(z.string()).optional(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  snapshot: Snapshot.optional(),
  segments: z.array(SegmentBudget),
  total: z.number().int(),
  totalHeadcount: z.number().int(),
  /** Requested by the system (a renewal): one finance officer reviews it, another approves it. */
  reviewRequired: z.boolean().optional(),
  review: Review.optional(),
  decision: Decision.optional(),
  /** Who the approved amount funds, per segment (all of it, unless a ceiling cut it). */
  allocation: z.array(SegmentAllocation).optional(),
  approvedAmount: z.number().int().optional(),
  /** Earlier decisions on this proposal that finance withdrew, oldest first. */
  withdrawnDecisions: z.array(WithdrawnDecision).optional(),
  failure: z.string().optional(),
  /** A renewal's proposal: who joined, stayed and left since last year's roster. */
  renewal: RenewalDiff.optional(),
  /** Requested from a saved scenario: which one and which version (POST /regulations/{id}/scenarios/{scenarioId}/proposal). */
  fromScenario: ScenarioSource.optional(),
}).meta({ id: 'Proposal' });
export type Proposal = z.infer<typeof Proposal>;
