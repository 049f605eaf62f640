/**
 * One row of a spreadsheet as the readers stream it, whatever the file format. Cells keep the
 * kind they had in the file because it matters: a NIK stored as a *number* in Excel has already
 * lost its last digit, and a date cell is not the same as the text "01/02/1980".
 */
export type CellKind = 'text' | 'number' | 'date' | 'boolean' | 'empty';

export interface Cell {
  /**
   * The cell as text: CSV text as is; an XLSX number as written in the file (e.g. `3.67401E+15`
   * or `3674015001900000`); an XLSX date-formatted cell as `YYYY-MM-DD` (kind `date`).
   */
  readonly text: string;
  readonly kind: CellKind;
}

export interface SpreadsheetRow {
  /** 1-based row number as the office sees it in Excel (the header is row 1 when it is first). */
  readonly rowNumber: number;
  /** Cells by column position (0-based); gaps in sparse XLSX rows are `empty` cells. */
  readonly cells: readonly Cell[];
  /** The merged ranges that cover this row, when it is in any (XLSX only: CSV has no merges). */
  readonly merged?: MergedCells;
}

/**
 * Excel shows a merged range's top-left value across the whole range, but stores it only in that
 * cell: the others are empty in the file. Readers keep them empty (`cells` is what the file holds)
 * and say here what Excel shows, so a consumer decides where a merge means "the same as above".
 */
export interface MergedCells {
  /** The top-left value of the merged range covering the row's cell at `column` (0-based), if any. */
  valueAt(column: number): Cell | undefined;
}
