import { describe, expect, it } from 'vitest';
import type { SegmentBudget } from '../../shared/api/budget-schemas';
import { allocateCeiling } from '../../shared/core/budget/allocate-ceiling';

const segment = (code: string, priority: number, headcount: number, premium: number, months = 12): SegmentBudget => ({
  segment: code,
  name: code,
  priority,
  headcount,
  monthlyPremiums: Array.from({ length: months }, (_, i) => ({ month: `2027-${String(13 - months + i).padStart(2, '0')}`, premium })),
  months,
  amount: headcount * premium * months,
});

describe('allocateCeiling', () => {
  it('funds whole segments by priority, cuts the first that does not fit, and funds none after it', () => {
    const segments = [segment('C', 3, 10, 10_000), segment('A', 1, 10, 16_800), segment('B', 2, 10, 41_169)];
    const ceiling = 10 * 16_800 * 12 + 3 * 41_169 * 12 + 41_169 * 12 - 1;
    expect(allocateCeiling(segments, ceiling)).toEqual([
      { segment: 'A', funded: 10, unfunded: 0, amount: 2_016_000 },
      { segment: 'B', funded: 3, unfunded: 7, amount: 3 * 41_169 * 12 },
      // C's people are cheaper and would fit the rest, but B's unfunded people come first.
      { segment: 'C', funded: 0, unfunded: 10, amount: 0 },
    ]);
  });

  it('never spends more than the ceiling', () => {
    const segments = [segment('A', 1, 1000, 16_800), segment('B', 2, 1000, 16_800)];
    for (const ceiling of [0, 1, 201_599, 201_600, 123_456_789, 403_199_999]) {
      const total = allocateCeiling(segments, ceiling).reduce((sum, s) => sum + s.amount, 0);
      expect(total).toBeLessThanOrEqual(ceiling);
      expect(ceiling - total).toBeLessThan(201_600);
    }
  });
});
