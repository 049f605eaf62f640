import type { SegmentCounts } from './import';

/** Rows whose segment could not be resolved are counted under this key. */
export const NO_SEGMENT = '(none)';

/** Running counts of one shard (or, summed, of an import), per segment and rejection reason. */
export interface ShardCounts {
  processed: number;
  /** Rows checked with at least one warning (absent in progress stored before warnings existed). */
  warned?: number;
  segments: Record<string, SegmentCounts>;
  /** How the regulation's roster headcount per segment changes through this import. */
  rosterDelta: Record<string, number>;
  /**
   * People this import added to the roster, moved to another segment or changed in any field a
   * row sets; rows identical to what the roster holds do not count. The roster version moves
   * only when this is above 0 (finalize-import.ts). Absent in progress stored before it was counted.
   */
  peopleChanged?: number;
}

export function emptyCounts(): ShardCounts {
  return { processed: 0, warned: 0, segments: {}, rosterDelta: {}, peopleChanged: 0 };
}

/** One more (or, for a row of the same file that lost the person again, one fewer) person changed. */
export function countPersonChanged(counts: ShardCounts, delta: 1 | -1): void {
  counts.peopleChanged = (counts.peopleChanged ?? 0) + delta;
}

export function countRosterChange(counts: ShardCounts, segment: string | undefined, delta: number): void {
  if (segment !== undefined) counts.rosterDelta[segment] = (counts.rosterDelta[segment] ?? 0) + delta;
}

function segmentOf(counts: ShardCounts, segment: string): SegmentCounts {
  return (counts.segments[segment] ??= { received: 0, accepted: 0, rejected: {} });
}

export function countReceived(counts: ShardCounts, segment: string): void {
  counts.processed += 1;
  segmentOf(counts, segment).received += 1;
}

export function countAccepted(counts: ShardCounts, segment: string, delta = 1): void {
  segmentOf(counts, segment).accepted += delta;
}

export function countRejected(counts: ShardCounts, segment: string, reason: string): void {
  const rejected = segmentOf(counts, segment).rejected;
  rejected[reason] = (rejected[reason] ?? 0) + 1;
}

/** A row accepted by the checks with warnings: counted once as a row, and per warning reason. */
export function countWarned(counts: ShardCounts, segment: string, warnings: readonly { reason: string }[]): void {
  counts.warned = (counts.warned ?? 0) + 1;
  const warned = (segmentOf(counts, segment).warnings ??= {});
  for (const { reason } of warnings) warned[reason] = (warned[reason] ?? 0) + 1;
}

/** Adds shard counts into a total. */
export function addCounts(total: ShardCounts, shard: ShardCounts): ShardCounts {
  total.processed += shard.processed;
  total.warned = (total.warned ?? 0) + (shard.warned ?? 0);
  for (const [segment, counts] of Object.entries(shard.segments)) {
    const into = segmentOf(total, segment);
    into.received += counts.received;
    into.accepted += counts.accepted;
    for (const [reason, n] of Object.entries(counts.rejected)) into.rejected[reason] = (into.rejected[reason] ?? 0) + n;
    for (const [reason, n] of Object.entries(counts.warnings ?? {})) (into.warnings ??= {})[reason] = (into.warnings[reason] ?? 0) + n;
  }
  for (const [segment, delta] of Object.entries(shard.rosterDelta ?? {})) countRosterChange(total, segment, delta);
  // Progress stored before changes were counted: any row processed may have changed someone.
  total.peopleChanged = (total.peopleChanged ?? 0) + (shard.peopleChanged ?? shard.processed);
  return total;
}

/**
 * Rows, not reasons: a row with two problems is one rejected row (its reasons are counted per
 * segment), a row with two warnings one warned row.
 */
export function totalsOf(counts: ShardCounts): { processed: number; accepted: number; rejected: number; warnings: number } {
  let accepted = 0;
  for (const segment of Object.values(counts.segments)) accepted += segment.accepted;
  return { processed: counts.processed, accepted, rejected: counts.processed - accepted, warnings: counts.warned ?? 0 };
}
