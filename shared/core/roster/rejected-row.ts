import { z } from 'zod';
import { RawRosterRow } from './raw-roster-row';

/** A roster row the checks rejected (or warned about), with each problem in Bahasa Indonesia and English and how to fix it. */

export const RejectionProblem = z.object({
  reason: z.string(),
  field: z.string().optional(),
  id: z.string(),
  en: z.string(),
  fix: z.string(),
}).meta({ id: 'RejectionProblem' });
export const RejectedRow = z.object({
  row: z.number().int(),
  values: RawRosterRow.shape.values,
  /** The row as the office wrote it, in the columns of the import's `columns` (raw-roster-row.ts). */
  cells: RawRosterRow.shape.cells,
  dateCells: RawRosterRow.shape.dateCells,
  problems: z.array(RejectionProblem),
}).meta({ id: 'RejectedRow' });
export type RejectedRow = z.infer<typeof RejectedRow>;
