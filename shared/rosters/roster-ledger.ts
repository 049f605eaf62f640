import type { RawRosterRow } from './raw-roster-row';
import type { RosterEntry } from './roster-entry';
import type { ShardCounts } from './shard-counts';

export interface StoredRejection {
  row: number;
  values: RawRosterRow['values'];
  problems: { reason: string; field?: string; params?: Record<string, string | number> }[];
}

/** Port: the roster entries of one NIK bucket, while its shard holds the bucket's lease. */
export interface RosterLedger {
  /** Current entries for these NIKs in the coverage year (absent ones are simply missing). */
  entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>>;
  /** Stores one page's outcome: winning entries (with the history of what they replace) and rejections. */
  write(page: { importId: string; entries: RosterEntry[]; replaced: RosterEntry[]; rejections: StoredRejection[] }): Promise<void>;
  /** Records the shard's running counts, so import status shows progress. */
  progress(importId: string, bucket: number, counts: ShardCounts, done: boolean): Promise<void>;
}
