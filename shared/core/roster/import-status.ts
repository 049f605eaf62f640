import type { ImportStatus } from './import';
import type { ImportRecord } from './import-record';
import { addCounts, emptyCounts, type ShardCounts, totalsOf } from './shard-counts';

/** The status an office sees: the stored record, what was received, and the shards' counts so far. */
export function importStatusOf(record: ImportRecord, received: { chunks: number[]; rows: number }, shards: readonly ShardCounts[]): ImportStatus {
  const { totals, executionArn: _arn, ...rest } = record;
  const counts = totals ?? (() => {
    const sum = shards.reduce(addCounts, emptyCounts());
    return { ...totalsOf(sum), segments: sum.segments };
  })();
  return { ...rest, chunksReceived: received.chunks.length, rowsReceived: received.rows, warnings: 0, ...counts };
}
