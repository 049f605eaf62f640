import type { SegmentBudget } from './proposal';
import { multiplyRupiah } from '../money/rupiah';
import { perPersonCost } from './per-person-cost';

export interface SegmentFunding {
  segment: string;
  funded: number;
  unfunded: number;
  amount: number;
}

/**
 * Splits a ceiling (pagu) over the segments in priority order. A segment is funded whole while
 * the money lasts; the first that does not fit gets as many people as fit, and every segment after
 * it gets none, so no lower-priority person is funded while a higher-priority one is not. Which
 * people of the partial segment are funded: funded-by-allocation.ts.
 */
export function allocateCeiling(segments: readonly SegmentBudget[], ceiling: number): SegmentFunding[] {
  let remaining = ceiling;
  let cut = false;
  return [...segments]
    .sort((a, b) => a.priority - b.priority)
    .map((segment) => {
      const cost = perPersonCost(segment);
      const funded = cut ? 0 : cost === 0 ? segment.headcount : Math.min(segment.headcount, Math.floor(remaining / cost));
      if (funded < segment.headcount) cut = true;
      const amount = multiplyRupiah(funded, cost);
      remaining -= amount;
      return { segment: segment.segment, funded, unfunded: segment.headcount - funded + (segment.overTarget ?? 0), amount };
    });
}

/** Approval without a ceiling funds everyone proposed; people over a segment's quota stay unfunded. */
export function fundEveryone(segments: readonly SegmentBudget[]): SegmentFunding[] {
  return segments.map((s) => ({ segment: s.segment, funded: s.headcount, unfunded: s.overTarget ?? 0, amount: s.amount }));
}
