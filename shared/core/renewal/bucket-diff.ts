import type { LeaverReason, RenewalDiff, SegmentDiff } from './renewal';

type Tally = Omit<SegmentDiff, 'segment'>;

/** One NIK bucket's share of a renewal's diff, stored per bucket so that a re-run recounts it whole. */
export interface BucketDiff {
  segments: Record<string, Tally>;
  leaverReasons: Partial<Record<LeaverReason, number>>;
}

export function emptyBucketDiff(): BucketDiff {
  return { segments: {}, leaverReasons: {} };
}

const emptyTally = (): Tally => ({ previous: 0, unchanged: 0, joiners: 0, leavers: 0, agingOut: 0, next: 0 });

/**
 * Adds one to a segment's column (and to the reason of a leaver). Not `previous`: last year is
 * the cohort its budgets funded, filled in for the whole diff (finish-verification.ts).
 */
export function tally(diff: BucketDiff, segment: string, column: Exclude<keyof Tally, 'previous'>, reason?: LeaverReason): void {
  const counts = (diff.segments[segment] ??= emptyTally());
  counts[column] += 1;
  if (reason) diff.leaverReasons[reason] = (diff.leaverReasons[reason] ?? 0) + 1;
}

/** The new year's headcount per segment, from the bucket's recount. */
export function setNext(diff: BucketDiff, nextCounts: Readonly<Record<string, number>>): void {
  for (const [segment, count] of Object.entries(nextCounts)) (diff.segments[segment] ??= emptyTally()).next = count;
}

/** The whole diff, from its buckets, with the regulation's segments in priority order first. */
export function renewalDiff(buckets: readonly BucketDiff[], fromYear: number, year: number, segmentOrder: readonly string[]): RenewalDiff {
  const segments = new Map<string, Tally>();
  const leaverReasons: Partial<Record<LeaverReason, number>> = {};
  for (const bucket of buckets) {
    for (const [segment, counts] of Object.entries(bucket.segments)) {
      const sum = segments.get(segment) ?? emptyTally();
      for (const column of Object.keys(sum) as (keyof Tally)[]) sum[column] += counts[column];
      segments.set(segment, sum);
    }
    for (const [reason, count] of Object.entries(bucket.leaverReasons) as [LeaverReason, number][]) {
      leaverReasons[reason] = (leaverReasons[reason] ?? 0) + count;
    }
  }
  const order = [...segmentOrder, ...[...segments.keys()].filter((s) => !segmentOrder.includes(s)).sort()];
  const rows = order.map((segment) => ({ segment, ...(segments.get(segment) ?? emptyTally()) }));
  const totals = emptyTally();
  for (const row of rows) for (const column of Object.keys(totals) as (keyof Tally)[]) totals[column] += row[column];
  return { fromYear, year, segments: rows, totals, leaverReasons };
}
