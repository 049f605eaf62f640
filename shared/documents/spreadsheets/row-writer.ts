/**
 * A spreadsheet file written row by row, for reports an office opens, fixes and imports again.
 * The first row written is the header. Every cell is text, written as given apart from formula
 * escaping (see formula-escape.ts).
 */
export interface RowWriter {
  /** Resolves once the row is taken; waits while the output is full, so memory stays flat. */
  writeRow(cells: readonly string[]): Promise<void>;
  /** Completes the file, ends the output stream and resolves once it has finished. */
  close(): Promise<void>;
}
