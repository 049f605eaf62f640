import { describe, expect, it } from 'vitest';
import type { SegmentBudget } from '../../shared/api/budget-schemas';
import { allocateCeiling } from '../../shared/core/budget/allocate-ceiling';
import { smallestUsefulCeiling } from '../../shared/core/budget/smallest-useful-ceiling';

const segment = (code: string, priority: number, headcount: number, premium: number): SegmentBudget => ({
  segment: code,
  name: code,
  priority,
  headcount,
  monthlyPremiums: Array.from({ length: 12 }, (_, i) => ({ month: `2027-${String(i + 1).padStart(2, '0')}`, premium })),
  months: 12,
  amount: headcount * premium * 12,
});

describe('smallestUsefulCeiling', () => {
  it("is one person of the highest-priority segment with people, even when a later segment's people are cheaper", () => {
    const segments = [segment('CHEAP', 3, 10, 10_000), segment('EMPTY', 1, 0, 5_000), segment('FIRST', 2, 10, 41_169)];
    const smallest = smallestUsefulCeiling(segments)!;
    expect(smallest.segment.segment).toBe('FIRST');
    expect(smallest.amount).toBe(41_169 * 12);
    // It is exactly the edge: one rupiah less funds nobody, it funds one person.
    const funded = (ceiling: number) => allocateCeiling(segments, ceiling).reduce((n, s) => n + s.funded, 0);
    expect(funded(smallest.amount - 1)).toBe(0);
    expect(funded(smallest.amount)).toBe(1);
  });

  it('is undefined when nobody is proposed', () => {
    expect(smallestUsefulCeiling([segment('A', 1, 0, 16_800)])).toBeUndefined();
  });
});
