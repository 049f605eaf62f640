import type { AuditEvent } from '../audit/audit-event';
import type { RawRosterRow } from './raw-roster-row';
import type { RosterEntry } from './roster-entry';
import type { ShardCounts } from './shard-counts';

/** Rejections and warnings of an import's rows are stored alike and listed apart. */
export type RowNoticeKind = 'rejected' | 'warning';

export interface StoredRejection {
  row: number;
  values: RawRosterRow['values'];
  problems: { reason: string; field?: string; params?: Record<string, string | number> }[];
}

/** A winning entry that changes a person's name or birth date, stored with its audit event. */
export interface IdentityUpdate {
  entry: RosterEntry;
  replaced: RosterEntry;
  event: AuditEvent;
}

/**
 * What one page of a shard decided: winning entries (with the history of what they replace),
 * identity updates (each with its history and audit event, atomically), rejections, and the
 * warnings of rows the checks accepted (shaped as rejections, listed apart).
 */
export interface PageOutcome {
  importId: string;
  entries: RosterEntry[];
  replaced: RosterEntry[];
  identityUpdates: IdentityUpdate[];
  rejections: StoredRejection[];
  warnings: StoredRejection[];
}

/** Port: the roster entries of one NIK bucket, while its shard holds the bucket's lease. */
export interface RosterLedger {
  /** Current entries for these NIKs in the coverage year (absent ones are simply missing). */
  entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>>;
  /** Stores one page's outcome. */
  write(page: PageOutcome): Promise<void>;
  /** Records the shard's running counts, so import status shows progress. */
  progress(importId: string, bucket: number, counts: ShardCounts, done: boolean): Promise<void>;
}
