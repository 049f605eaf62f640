/**
 * A whole file that cannot be imported. Nothing is stored when one is raised: the file is
 * checked before any row is sent. The message says what is wrong and what to do.
 */
export type FileFormatProblem =
  | 'WRONG_FILE_TYPE'
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  | 'NOT_UTF8'
  | 'MALFORMED_CSV'
  | 'MALFORMED_XLSX'
  | 'NO_NIK_COLUMN'
  | 'DUPLICATE_COLUMN';

export class FileFormatError extends Error {
  constructor(
    readonly problem: FileFormatProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileFormatError';
  }
}
