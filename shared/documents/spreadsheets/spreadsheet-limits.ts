import { columnLetters } from './cell-reference';
import { FileFormatError } from './file-format-error';
import type { SpreadsheetRow } from './spreadsheet-row';

/**
 * What a roster spreadsheet may hold, whoever made it. A roster has at most 1,000,000 people (the
 * design maximum); the limits sit above what such a file needs, and far below what a crafted file
 * (a "zip bomb": a small .xlsx that inflates to gigabytes, or millions of rows) would cost. Each
 * is checked as soon as it can be, before or while streaming, so a hostile file is refused in
 * moments with memory flat, and the message names the limit and what to do.
 */

/**
 * Rows of a sheet, counting the header and blank rows (row numbers): Excel's own limit, so no file
 * Excel can open goes past it, and above the 1,000,000-person design maximum plus a header.
 */
export const MAX_SPREADSHEET_ROWS = 1_048_576;

/**
 * Characters in one cell of an .xlsx or a CSV: Excel's own limit. Roster fields are far shorter
 * (RawRosterRow keeps 500). A CSV record is bounded as a whole too (csv-rows.ts).
 */
export const MAX_CELL_CHARS = 32_767;

/**
 * XML characters without markup (one text, attribute or comment): a cell at `MAX_CELL_CHARS`
 * written with entities (`&quot;` is six characters for one) fits. The XML parser holds such a
 * run whole before anyone sees it, so it must be bounded while streaming, not after.
 */
export const MAX_XML_TEXT_RUN_CHARS = 6 * MAX_CELL_CHARS + 4096;

/**
 * Inflated bytes of one part of an .xlsx (the worksheet is the largest): Excel writes about 500
 * bytes of sheet XML per roster row, so 1,000,000 people take about 500 MB.
 */
export const MAX_INFLATED_PART_BYTES = 1024 * 1024 * 1024;

/** Inflated bytes of all the parts read from one .xlsx: the sheet, shared strings, styles and the small rest. */
export const MAX_INFLATED_TOTAL_BYTES = 1536 * 1024 * 1024;

/**
 * How much more a part may inflate to than it takes in the file. Roster XML compresses about
 * 5–15×, and a sheet of near-identical rows about 100×; deflate can reach 1,032×, which is what
 * bombs use. Parts under `RATIO_FREE_BYTES` inflated are exempt: a small part may compress
 * anyhow without costing anything.
 */
export const MAX_COMPRESSION_RATIO = 200;
export const RATIO_FREE_BYTES = 10 * 1024 * 1024;

/**
 * Merged ranges of one worksheet (`<mergeCell>`) of more than one cell: an office that merges a
 * cell pair on every row of a full sheet needs about this many. They are held while the sheet is
 * read (16 bytes each), so a crafted file with millions is refused.
 */
export const MAX_MERGED_RANGES = MAX_SPREADSHEET_ROWS;

/**
 * Merged ranges open on one row (side by side, or a range above still covering it): a roster has
 * a few dozen columns. Every row that opens or closes a range copies the open ones, so they are
 * bounded for a crafted file not to cost minutes.
 */
export const MAX_OPEN_MERGED_RANGES = 1024;

export function tooManyRows(): FileFormatError {
  return new FileFormatError(
    'TOO_MANY_ROWS',
    `The sheet has more than ${MAX_SPREADSHEET_ROWS.toLocaleString('en')} rows, Excel's limit (a roster has at most 1,000,000 people). ` +
      'If the rows are real, split them into several files and import each; if most are empty or repeated, delete them in Excel and save the file again.',
  );
}

/**
 * A cell over MAX_CELL_CHARS, at its row and 0-based column. The readers know a column by its
 * letters only; a reader that knows which row holds the titles names it by its title as well
 * (`titled`), as the office calls it.
 */
export class CellTooLongError extends FileFormatError {
  constructor(
    readonly rowNumber: number,
    readonly column: number,
    title?: string,
  ) {
    const where = title ? `"${title.length > 40 ? `${title.slice(0, 39)}…` : title}" (${columnLetters(column)})` : columnLetters(column);
    super(
      'CELL_TOO_LONG',
      `Row ${rowNumber}, column ${where}: the cell holds more than ${MAX_CELL_CHARS.toLocaleString('en')} characters, ` +
        "Excel's limit for a cell. Shorten it (a roster field needs at most 500) and save the file again.",
    );
  }

  /** The same cell, its column named by the title it has in `header` (when the cell is below it). */
  titled(header: SpreadsheetRow): CellTooLongError {
    const title = header.cells[this.column]?.text.trim();
    return title && this.rowNumber > header.rowNumber ? new CellTooLongError(this.rowNumber, this.column, title) : this;
  }
}
