import { z } from 'zod';
import { ROSTER_FIELDS } from './roster-fields';

/** The roster columns Lindung understands, whatever the office called them in its header. */
export const RosterField = z.enum(ROSTER_FIELDS);
export type RosterField = z.infer<typeof RosterField>;

/**
 * A spreadsheet row mapped onto roster fields, before any check: what the CLI sends to the API
 * in chunks. Values are the cells' text; `numeric` lists the fields whose cell was a number in
 * the file (how Excel damage to a NIK is recognised).
 */
export const RawRosterRow = z.object({
  row: z.number().int().positive(),
  values: z.partialRecord(RosterField, z.string().max(500)),
  numeric: z.array(RosterField).optional(),
}).meta({ id: 'RawRosterRow' });
export type RawRosterRow = z.infer<typeof RawRosterRow>;
