import { z } from 'zod';
import { Category, RegulationId, SegmentCode } from '../regulation/regulation';
import { IsoMonth } from '../calendar/calendar';

/** What a region is judged on (the Paritrana Award) for one regulation and year; shared/core/coverage/coverage-report.ts computes it. */

export const SegmentCoverage = z.object({
  segment: SegmentCode,
  name: z.string(),
  category: Category,
  priority: z.number().int(),
  /** The regulation's target headcount for the segment. */
  target: z.number().int(),
  /** On the accepted roster of the year. */
  onRoster: z.number().int(),
  /** Funded by the year's approved budget cohorts. */
  funded: z.number().int(),
  /** Enrolled with the insurer (a KPJ number) by the year's enrollment runs. */
  covered: z.number().int(),
}).meta({ id: 'SegmentCoverage' });

export const CategoryCoverage = z.object({
  category: Category,
  target: z.number().int(),
  covered: z.number().int(),
}).meta({ id: 'CategoryCoverage' });

export const MonthCoverage = z.object({
  month: IsoMonth,
  /** People with cover that month. */
  covered: z.number().int(),
  /** Premiums of that month's cover, integer rupiah. */
  premiums: z.number().int(),
  /** People with cover that month whose premiums are paid: the month's accepted bill is paid in full (0 otherwise). */
  paid: z.number().int(),
}).meta({ id: 'MonthCoverage' });

export const Coverage = z.object({
  regulationId: RegulationId,
  title: z.string(),
  /** Kemendagri code of the region. */
  jurisdiction: z.string(),
  /** The region's official name. */
  regionName: z.string(),
  year: z.number().int(),
  segments: z.array(SegmentCoverage),
  categories: z.array(CategoryCoverage),
  totals: z.object({ target: z.number().int(), onRoster: z.number().int(), funded: z.number().int(), covered: z.number().int() }),
  /** Covered ÷ target, 0–1 (0 when there is no target). */
  shareOfTarget: z.number(),
  budget: z.object({
    /** Σ of the year's approved amounts (APBD and APBD-Perubahan). */
    approved: z.number().int(),
    /** Premiums committed by enrollment runs against those approvals (people enrolled × months bought). */
    committed: z.number().int(),
    /** Paid to the insurer by SP2D against the year's bills: the APBD spent. */
    spent: z.number().int(),
    /** Proposals of the year still waiting for finance. */
    pendingDecision: z.number().int(),
  }),
  /** January to December of the year: how many people had cover each month. */
  months: z.array(MonthCoverage),
  /**
   * How long cover has gone on without a month's break: the consecutive months with cover up to
   * the year's last month that had any, counted back into earlier years (0 when the year had none).
   */
  monthsOfContinuousCover: z.number().int(),
  enrollmentRuns: z.number().int(),
}).meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof Coverage>;
