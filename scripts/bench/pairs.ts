/**
 * Floor and run measured in pairs, one after the other in one process (floor, run, floor, run,
 * …): on a busy machine the noise of a minute falls on both halves of a pair, so the pair's ratio
 * holds where a lone floor and a lone run minutes apart would not. The figures reported are
 * medians over the pairs, with the spread of the ratios beside them.
 */
export interface PairTiming {
  floorSeconds: number;
  seconds: number;
}

export interface PairResult extends PairTiming {
  ratio: number;
}

export interface PairSummary {
  /** Median of the runs' seconds. */
  seconds: number;
  /** Median of the floors' seconds. */
  floorSeconds: number;
  /** Median of the pairs' run/floor ratios (not the ratio of the medians). */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  pairs: PairResult[];
}

/** The median of a non-empty list: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('the median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each pair's ratio, and the medians and spread over all pairs, rounded to hundredths. */
export function summarizePairs(timings: readonly PairTiming[]): PairSummary {
  const pairs = timings.map((pair) => ({ floorSeconds: round(pair.floorSeconds), seconds: round(pair.seconds), ratio: round(pair.seconds / pair.floorSeconds) }));
  const ratios = timings.map((pair) => pair.seconds / pair.floorSeconds);
  return {
    seconds: round(median(timings.map((pair) => pair.seconds))),
    floorSeconds: round(median(timings.map((pair) => pair.floorSeconds))),
    ratio: round(median(ratios)),
    ratioMin: round(Math.min(...ratios)),
    ratioMax: round(Math.max(...ratios)),
    pairs,
  };
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** The run's own memory over the pairs: the process's RSS before the run and its peak during it, of the pair that peaked highest. */
export function highestRunMemory(timings: readonly { rssBeforeMb: number; peakRssMb: number }[]) {
  const highest = timings.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
  return { rssBeforeRunMb: highest.rssBeforeMb, runPeakRssMb: highest.peakRssMb };
}
