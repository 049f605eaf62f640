import type { RawRosterRow } from './raw-roster-row';

/** Rejections and warnings of an import's rows are stored alike and listed apart. */
export type RowNoticeKind = 'rejected' | 'warning';

/**
 * A row an import rejected, or accepted with warnings: its values and what was found, and the
 * row as the office wrote it when the client sent it (raw-roster-row.ts), for the report.
 */
export interface StoredRejection {
  row: number;
  values: RawRosterRow['values'];
  cells?: RawRosterRow['cells'];
  dateCells?: RawRosterRow['dateCells'];
  problems: { reason: string; field?: string; params?: Record<string, string | number> }[];
}
