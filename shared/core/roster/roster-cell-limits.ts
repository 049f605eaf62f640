/**
 * How much of a roster row an import keeps. Apart from the zod schemas (raw-roster-row.ts) so that
 * the web console's bundle can use them without the schema library.
 */

/** The longest text a roster value, or a cell kept for the rejection report, may be. */
export const MAX_ROSTER_CELL_CHARS = 500;

/**
 * The most columns of a row kept for the rejection report: far more than any roster has (about a
 * dozen), and few enough that a row of them all at their longest stays a small item.
 */
export const MAX_ECHOED_COLUMNS = 100;
