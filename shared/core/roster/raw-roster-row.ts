import { z } from 'zod';
import { MAX_ECHOED_COLUMNS, MAX_ROSTER_CELL_CHARS } from './roster-cell-limits';
import { ROSTER_FIELDS } from './roster-fields';

/** The roster columns Lindung understands, whatever the office called them in its header. */
export const RosterField = z.enum(ROSTER_FIELDS);
export type RosterField = z.infer<typeof RosterField>;

const RosterCellText = z.string().max(MAX_ROSTER_CELL_CHARS);

/**
 * A spreadsheet row mapped onto roster fields, before any check: what the CLI sends to the API
 * in chunks. Values are the cells' text; `numeric` lists the fields whose cell was a number in
 * the file (how Excel damage to a NIK is recognised).
 *
 * `cells` is the whole row as the office wrote it, every column in its order (RT/RW, notes, a
 * "No." counter, not only the fields Lindung reads), each cell's text as read and cut like the
 * values; `dateCells` are the indexes of the cells that were dates in an .xlsx. Lindung never
 * reads them: they are kept so that a rejected row goes back to the office as it came, in the
 * rejection report, with the import's `columns` as its header.
 */
export const RawRosterRow = z.object({
  row: z.number().int().positive(),
  values: z.partialRecord(RosterField, RosterCellText),
  numeric: z.array(RosterField).optional(),
  cells: z.array(RosterCellText).max(MAX_ECHOED_COLUMNS).optional(),
  dateCells: z.array(z.number().int().min(0).max(MAX_ECHOED_COLUMNS - 1)).max(MAX_ECHOED_COLUMNS).optional(),
}).meta({ id: 'RawRosterRow' });
export type RawRosterRow = z.infer<typeof RawRosterRow>;
