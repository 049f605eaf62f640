import type { SegmentBudget } from './proposal';

/** What one person of a segment costs over the cohort's months. */
export function perPersonCost(segment: SegmentBudget): number {
  return segment.monthlyPremiums.reduce((sum, { premium }) => sum + premium, 0);
}
