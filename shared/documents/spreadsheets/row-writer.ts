import type { SheetCell } from './sheet-cell';

/**
 * A spreadsheet file written row by row, for reports an office opens, fixes and imports again.
 * The first row written is the header. Text cells are written as given (apart from formula
 * escaping in CSV, see formula-escape.ts); numbers and dates as sheet-cell.ts says.
 */
export interface RowWriter {
  /** Resolves once the row is taken; waits while the output is full, so memory stays flat. */
  writeRow(cells: readonly SheetCell[]): Promise<void>;
  /** Completes the file, ends the output stream and resolves once it has finished. */
  close(): Promise<void>;
}
