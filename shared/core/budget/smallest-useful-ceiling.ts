import type { SegmentBudget } from './proposal';
import { perPersonCost } from './per-person-cost';

/**
 * The least a ceiling must be to fund anyone: a ceiling funds segments in priority order
 * (allocate-ceiling.ts) and never skips past a segment it cannot fund, so it must pay for one
 * person of the highest-priority segment that has people. Undefined when no segment has people.
 */
export function smallestUsefulCeiling(segments: readonly SegmentBudget[]): { segment: SegmentBudget; amount: number } | undefined {
  const first = [...segments].sort((a, b) => a.priority - b.priority).find((segment) => segment.headcount > 0);
  return first && { segment: first, amount: perPersonCost(first) };
}
