import type { AuditEvent } from '../audit/audit-event';
import type { RosterSummary } from './roster-summary';
import type { ImportRecord } from './import-record';
import type { RawRosterRow } from './raw-roster-row';
import type { ShardCounts } from './shard-counts';
import type { RowNoticeKind, StoredRejection } from './stored-rejection';

/** What an import did to the regulation's roster for its year. */
export interface RosterChange {
  /** Headcount change per segment. */
  readonly delta: Record<string, number>;
  /** Someone was added, moved or changed (shard-counts.ts, `peopleChanged`). */
  readonly changed: boolean;
}

/** Port: imports, their uploaded chunks, shard progress, rejections and the resulting roster summary. */
export interface ImportStore {
  create(record: ImportRecord, event: AuditEvent): Promise<void>;
  get(importId: string): Promise<ImportRecord | undefined>;
  listForRegulation(regulationId: string): Promise<ImportRecord[]>;
  /** Stages a chunk's rows by NIK bucket. The same chunk again is a no-op; different content is a ConflictError. */
  putChunk(importId: string, seq: number, rows: readonly RawRosterRow[], sha256: string): Promise<{ alreadyReceived: boolean }>;
  received(importId: string): Promise<{ chunks: number[]; rows: number }>;
  /** receiving → processing, once. False when it was already processing (a retried request). */
  startProcessing(importId: string, rowsExpected: number, event: AuditEvent): Promise<boolean>;
  /** failed → processing again, counting the attempt. False when it was not failed (a retried request). */
  retryFailed(importId: string, event: AuditEvent): Promise<boolean>;
  setExecution(importId: string, executionArn: string): Promise<void>;
  stagedRows(importId: string, bucket: number): AsyncIterable<RawRosterRow>;
  /** Records a shard's running counts, so import status shows progress. */
  saveShardCounts(importId: string, bucket: number, counts: ShardCounts, done: boolean): Promise<void>;
  shardCounts(importId: string): Promise<ShardCounts[]>;
  /** Stores the rejections of a page of a shard's rows, and the warnings of the rows it accepted. */
  writeNotices(importId: string, notices: { rejections: readonly StoredRejection[]; warnings: readonly StoredRejection[] }): Promise<void>;
  rosterSummary(regulationId: string, year: number): Promise<RosterSummary | undefined>;
  /**
   * processing → completed: the totals, the roster headcount changes added to the regulation's
   * roster summary with a new version (only when `roster.changed`: budgets bound to the version
   * stay valid otherwise), and the audit event, atomically. A second call changes nothing.
   */
  complete(record: ImportRecord, roster: RosterChange, event: AuditEvent): Promise<void>;
  fail(importId: string, reason: string, event: AuditEvent): Promise<void>;
  /** The rejected rows, or with kind `warning` the accepted rows that carry warnings, in row order. */
  rejections(importId: string, cursor: string | undefined, limit: number, kind?: RowNoticeKind): Promise<{ rows: StoredRejection[]; nextCursor?: string }>;
}

