/**
 * The roster columns Lindung understands, whatever the office called them in its header. Kept
 * apart from the zod schemas (raw-roster-row.ts) so that the web console's bundle can use the list
 * without the schema library.
 */
export const ROSTER_FIELDS = ['nik', 'name', 'birthDate', 'gender', 'address', 'kelurahan', 'kecamatan', 'phone', 'segment'] as const;
