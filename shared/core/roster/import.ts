import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';
import { RegulationId, SegmentCode } from '../regulation/regulation';
import { MAX_ECHOED_COLUMNS, MAX_ROSTER_CELL_CHARS } from './roster-cell-limits';

/**
 * The file's header row as written, every column in its order: the rejection report's header,
 * over the rows' `cells` (raw-roster-row.ts), so the office gets its own columns back.
 */
const FileColumns = z.array(z.string().max(MAX_ROSTER_CELL_CHARS)).max(MAX_ECHOED_COLUMNS);

/** A roster import as it is requested and tracked: its file, status and counts per segment. */

export const ImportId = z.string().regex(/^imp-[a-z0-9-]{8,64}$/, 'must be an import id such as imp-20261121-3f9a2c1b');
export const CreateImportRequest = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  /** Eligibility (the age window) is evaluated on this date; its year is the coverage year. */
  coverageStart: IsoDate,
  /** For one file per segment; without it each row names its segment in a Segmen column. */
  segment: SegmentCode.optional(),
  /** Chosen by the client once per file, so that a retried request creates no second import. */
  clientToken: z.string().min(8).max(64),
  /**
   * Let a row replace the name or birth date of its NIK's entry from an earlier import (each
   * change audited, old and new). Without it such a row is rejected as IDENTITY_CONFLICT.
   */
  updateIdentities: z.boolean().optional(),
  columns: FileColumns.optional(),
}).meta({ id: 'CreateImportRequest' });

export const ImportStatusName = z.enum(['receiving', 'processing', 'completed', 'failed']);

export const SegmentCounts = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  /** Rejected rows by reason; a row with two problems counts under both. */
  rejected: z.record(z.string(), z.number().int()),
  /** Rows accepted by the checks with a warning, by reason (e.g. NIK_OUTSIDE_JURISDICTION). */
  warnings: z.record(z.string(), z.number().int()).optional(),
}).meta({ id: 'SegmentCounts' });
export type SegmentCounts = z.infer<typeof SegmentCounts>;

export const ImportStatus = z.object({
  importId: ImportId,
  regulationId: RegulationId,
  regulationVersion: z.number().int(),
  year: z.number().int(),
  coverageStart: IsoDate,
  segment: SegmentCode.optional(),
  /** Opened with --update-identities. */
  updateIdentities: z.boolean().optional(),
  fileName: z.string(),
  /** The file's header row, when the client sent it: the rejection report's columns. */
  columns: FileColumns.optional(),
  status: ImportStatusName,
  createdBy: z.string(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
  failure: z.string().optional(),
  /** Times a failed import was started again. */
  attempt: z.number().int().optional(),
  chunksReceived: z.number().int(),
  rowsReceived: z.number().int(),
  rowsExpected: z.number().int().optional(),
  processed: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Rows that passed the checks with a warning, listed by GET /imports/{importId}/rejections?kind=warning. */
  warnings: z.number().int(),
  /** Per segment code; rows whose segment could not be resolved count under `(none)`. */
  segments: z.record(z.string(), SegmentCounts),
}).meta({ id: 'ImportStatus' });
export type ImportStatus = z.infer<typeof ImportStatus>;
