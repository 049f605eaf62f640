import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';
import { RegulationId, SegmentCode } from '../regulation/regulation';

/** A yearly renewal as it is stored and shown: the diff against last year, its closing, the people listed and the continuity report. */

const Count = z.number().int();

/**
 * Why someone on last year's roster is not carried into the next year:
 * - `aged-out`: outside the segment's age window on 1 January of the new year;
 * - `deceased`, `removed`: a life event recorded by an admin;
 * - `other-regulation`: on another regulation's roster for the new year (covered there);
 * - `segment-ended`: the regulation no longer has the person's segment.
 */
export const LeaverReason = z.enum(['aged-out', 'deceased', 'removed', 'other-regulation', 'segment-ended']);
export type LeaverReason = z.infer<typeof LeaverReason>;

/**
 * Why cover that ran until 31 December was not renewed: a leaver's reason, or the budget's:
 * rejected by finance, not decided in time (pending, expired, sent back for revision, or stale),
 * or left out by a ceiling (pagu).
 */
export const LapseReason = z.enum([...LeaverReason.options, 'budget-rejected', 'budget-undecided', 'not-funded']);
export type LapseReason = z.infer<typeof LapseReason>;

export const SegmentDiff = z.object({
  segment: SegmentCode,
  /**
   * Last year's cohort: the people all approved proposals of the regulation for last year funded
   * (original and top-ups; shared/core/budget/last-year-cohort.ts), not everyone on last year's roster.
   */
  previous: Count,
  /** On both rosters (carried forward, or imported again for the new year). */
  unchanged: Count,
  /** New on this year's roster: imported for it, not on last year's. */
  joiners: Count,
  /** On last year's roster, not carried forward (reasons in `leaverReasons`). */
  leavers: Count,
  /** Carried forward, but leaving the age window during the year (cover is budgeted as for everyone). */
  agingOut: Count,
  /** On the new year's roster after the renewal. */
  next: Count,
}).meta({ id: 'SegmentDiff' });
export type SegmentDiff = z.infer<typeof SegmentDiff>;

export const RenewalDiff = z.object({
  fromYear: Count,
  year: Count,
  segments: z.array(SegmentDiff),
  totals: SegmentDiff.omit({ segment: true }),
  leaverReasons: z.partialRecord(LeaverReason, Count),
}).meta({ id: 'RenewalDiff' });
export type RenewalDiff = z.infer<typeof RenewalDiff>;

export const RenewalStatus = z.enum(['verifying', 'proposed', 'renewed', 'lapsed', 'failed']);
export type RenewalStatus = z.infer<typeof RenewalStatus>;

export const RenewalClosing = z.object({
  /** renewed: the budget was approved and enrollment started; lapsed: it was not approved by 1 January. */
  outcome: z.enum(['renewed', 'lapsed']),
  closedAt: z.string(),
  /** Cover of last year that ended on 31 December without renewal, by reason. */
  lapsed: Count,
  lapseReasons: z.partialRecord(LapseReason, Count),
  enrollmentRunId: z.string().optional(),
}).meta({ id: 'RenewalClosing' });

export const Renewal = z.object({
  regulationId: RegulationId,
  year: Count,
  fromYear: Count,
  status: RenewalStatus,
  /** 1, then one more each time it is started again (after a failure, a rejection or a stale budget). */
  attempt: Count,
  trigger: z.enum(['schedule', 'admin']),
  startedBy: z.string(),
  startedAt: z.string(),
  /** When the schedule starts it (Asia/Jakarta): the regulation's renewal day of the year before. */
  proposeOn: IsoDate,
  diff: RenewalDiff.optional(),
  proposalId: z.string().optional(),
  /** Earlier attempts' proposals, oldest first. */
  previousProposals: z.array(z.string()).optional(),
  closing: RenewalClosing.optional(),
  failure: z.string().optional(),
}).meta({ id: 'Renewal' });
export type Renewal = z.infer<typeof Renewal>;
export const RenewalPeopleKind = z.enum(['joiners', 'leavers', 'aging-out', 'lapsed']);
export type RenewalPeopleKind = z.infer<typeof RenewalPeopleKind>;
export const RenewalPerson = z.object({
  nik: z.string(),
  name: z.string(),
  segment: SegmentCode,
  reason: LapseReason.optional(),
  /** The date that matters: of a death or removal, the day the person leaves the age window, the end of cover. */
  date: IsoDate.optional(),
}).meta({ id: 'RenewalPerson' });
export type RenewalPerson = z.infer<typeof RenewalPerson>;
export const ContinuityGap = z.object({
  nik: z.string(),
  name: z.string(),
  segment: SegmentCode,
  /** Why cover did not continue on 1 January, or `late-enrollment` when it resumed later. */
  reason: z.union([LapseReason, z.literal('late-enrollment'), z.literal('not-renewed')]),
  /** Last day of cover in the year before. */
  coveredUntil: IsoDate,
  /** First day of cover in the year, when it resumed late. */
  coveredAgainFrom: IsoDate.optional(),
  /** Days of the year without cover: until it resumed, or the whole year; 0 for a death (cover ended, it did not lapse). */
  gapDays: Count,
}).meta({ id: 'ContinuityGap' });
export type ContinuityGap = z.infer<typeof ContinuityGap>;
export const ContinuityPage = z.object({
  regulationId: RegulationId,
  year: Count,
  bucket: Count,
  /** People covered on 31 December of the year before, checked on this page. */
  checked: Count,
  gaps: z.array(ContinuityGap),
  after: z.string().optional(),
}).meta({ id: 'ContinuityPage' });
export type ContinuityPage = z.infer<typeof ContinuityPage>;
