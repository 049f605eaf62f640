import { describe, expect, it } from 'vitest';
import { median, summarizePairs } from '../../scripts/bench/pairs';

describe('bench pairs', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('reports the median of the pairs’ ratios, not the ratio of the medians, with the spread and each pair', () => {
    const summary = summarizePairs([
      { floorSeconds: 10, seconds: 15 },
      // A noisy minute slows both halves of a pair alike.
      { floorSeconds: 20, seconds: 28 },
      { floorSeconds: 12, seconds: 24 },
    ]);
    expect(summary).toEqual({
      seconds: 24,
      floorSeconds: 12,
      ratio: 1.5,
      ratioMin: 1.4,
      ratioMax: 2,
      pairs: [
        { floorSeconds: 10, seconds: 15, ratio: 1.5 },
        { floorSeconds: 20, seconds: 28, ratio: 1.4 },
        { floorSeconds: 12, seconds: 24, ratio: 2 },
      ],
    });
  });
});
