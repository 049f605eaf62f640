/**
 * A whole file that cannot be imported. Nothing is stored when one is raised: the file is
 * checked before any row is sent. The message says what is wrong and what to do.
 */
export type FileFormatProblem =
  | 'WRONG_FILE_TYPE'
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  /** An .xlsx part inflates past a limit of spreadsheet-limits.ts (a "zip bomb", or a roster too big for one file). */
  | 'INFLATES_TOO_MUCH'
  | 'TOO_MANY_ROWS'
  /** An .xlsx sheet merges more ranges than a roster can (spreadsheet-limits.ts). */
  | 'TOO_MANY_MERGED_CELLS'
  | 'CELL_TOO_LONG'
  | 'NOT_UTF8'
  | 'MALFORMED_CSV'
  | 'MALFORMED_XLSX'
  | 'NO_NIK_COLUMN'
  /** No row near the top of a roster looks like its header row (roster-header.ts). */
  | 'NO_HEADER_ROW'
  | 'DUPLICATE_COLUMN'
  /** The insurer's bill: a header key missing, repeated or unreadable (insurer-bill-file.ts). */
  | 'BILL_HEADER'
  /** The insurer's bill: no column header row, or a column missing. */
  | 'BILL_COLUMNS'
  /** The insurer's bill: a line with a field that cannot be read. */
  | 'BILL_LINE';

export class FileFormatError extends Error {
  constructor(
    readonly problem: FileFormatProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileFormatError';
  }
}
