import type { ByteSource } from './byte-source';
import { sniffDelimiter } from './csv-delimiter';
import { csvRows } from './csv-rows';
import { detectFileType, FILE_TYPE_SNIFF_BYTES } from './file-type';
import { FileFormatError } from './file-format-error';
import { formatBytes } from './format-bytes';
import { MAX_SPREADSHEET_ROWS, tooManyRows } from './spreadsheet-limits';
import type { SpreadsheetRow } from './spreadsheet-row';
import { xlsxRows } from './xlsx-rows';

/**
 * The largest file `readSpreadsheetSource` accepts by default: 256 MiB. A million roster rows as CSV
 * (NIK, name, birth date, gender, address, kelurahan, kecamatan, phone: about 150 bytes a row)
 * is about 150 MB, and the same rows as .xlsx are smaller still.
 */
export const MAX_SPREADSHEET_BYTES = 256 * 1024 * 1024;

export interface ReadSpreadsheetOptions {
  /** Files larger than this are refused before any reading (default `MAX_SPREADSHEET_BYTES`). */
  maxBytes?: number;
  /**
   * Asked before each row until it answers yes; from that row on, rows of an .xlsx say what its
   * merged ranges show (`merged`), ranges that start above that row left out. Finding them takes a
   * second pass over the sheet, so a reader asks only once it knows it needs them.
   */
  wantsMergedCells?: () => boolean;
}

/**
 * Streams the rows of a roster spreadsheet: an .xlsx workbook (its first worksheet) or a UTF-8
 * CSV, told apart by the file's first bytes and not its name. The file is a ByteSource: a file on
 * disk (`readSpreadsheet` in read-spreadsheet.ts) or a `File` picked in the console's browser, read
 * by the same code. Memory does not grow with the number of rows. Blank rows (every cell empty or only spaces) are skipped; row numbers still
 * count them, so they match what the office sees in Excel.
 *
 * A file that cannot be imported throws a FileFormatError (wrong type, empty, too large, not
 * UTF-8, malformed) whose message says what to do. Some problems only show part-way through, so
 * a consumer must not treat rows as final before the iteration has completed.
 */
export async function* readSpreadsheetSource(source: ByteSource, options: ReadSpreadsheetOptions = {}): AsyncGenerator<SpreadsheetRow> {
  const maxBytes = options.maxBytes ?? MAX_SPREADSHEET_BYTES;
  const { size } = source;
  if (size > maxBytes) {
    throw new FileFormatError(
      'FILE_TOO_LARGE',
      `The file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}. Split the rows into several smaller files and import each.`,
    );
  }
  if (size === 0) throw emptyFile();

  const head = await source.read(0, FILE_TYPE_SNIFF_BYTES);
  const type = detectFileType(head);
  const rows = type === 'xlsx' ? xlsxRows(source, options.wantsMergedCells) : csvRows(source, sniffDelimiter(head));
  let sawRow = false;
  for await (const row of rows) {
    // Blank rows count too: a sheet of a million empty rows is no roster either.
    if (row.rowNumber > MAX_SPREADSHEET_ROWS) throw tooManyRows();
    if (isBlank(row)) continue;
    sawRow = true;
    yield row;
  }
  if (!sawRow) {
    throw type === 'xlsx'
      ? new FileFormatError('EMPTY_FILE', 'The first worksheet of the workbook is empty. Put the roster, with its header row, in the first sheet.')
      : emptyFile();
  }
}

function emptyFile(): FileFormatError {
  return new FileFormatError('EMPTY_FILE', 'The file is empty. Export the roster again, with its header row, and import that file.');
}

function isBlank(row: SpreadsheetRow): boolean {
  return row.cells.every((cell) => cell.kind === 'empty' || cell.text.trim() === '');
}
