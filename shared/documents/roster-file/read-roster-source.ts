import type { RawRosterRow } from '../../core/roster/raw-roster-row';
import { fileColumns, writtenCells } from '../rejection-report';
import type { ByteSource } from '../spreadsheets/byte-source';
import { readSpreadsheetSource } from '../spreadsheets/spreadsheet-rows';
import { CellTooLongError } from '../spreadsheets/spreadsheet-limits';
import type { SpreadsheetRow } from '../spreadsheets/spreadsheet-row';
import { toRawRow } from './roster-columns';
import { HeaderSearch, type RosterHeader } from './roster-header';

/**
 * Streams the people of a roster spreadsheet as an office keeps it: the header row is found below
 * any title block (roster-header.ts, `onHeader` hears which row it was), and what is no person is
 * left out: blank rows, rows with only their number, and totals rows. Rows keep the spreadsheet's
 * row numbers and their cells as written, so a rejection names the row the office sees and its
 * report gives the row back as it was. Memory stays flat, as readSpreadsheetSource's. The file is
 * a ByteSource: a file on disk for the CLI (`readRosterFile`), a browser `File` for the console.
 * Throws FileFormatError for a file that cannot be imported, possibly part-way through.
 */
export async function* readRosterSource(source: ByteSource, onHeader?: (header: RosterHeader) => void): AsyncGenerator<RawRosterRow> {
  const search = new HeaderSearch();
  let header: RosterHeader | undefined;
  /** The header's titled columns: the cells each row keeps as written, for its rejection report. */
  let width = 0;
  try {
    // Merged segment cells are read once the header says there is a segment column: a second pass
    // over the sheet that no other file pays for.
    const wantsMergedCells = () => header?.columns.columns.segment !== undefined;
    for await (const row of readSpreadsheetSource(source, { wantsMergedCells })) {
      if (!header) {
        header = search.offer(row);
        if (header) {
          width = fileColumns(header.row).length;
          onHeader?.(header);
        }
        continue;
      }
      if (isTotalsRow(row)) continue;
      const person = toRawRow(row, header.columns);
      if (person) yield { ...person, ...writtenCells(row, width) };
    }
  } catch (error) {
    // The reader knows the cell's column by its letters; the office knows it by its title.
    throw error instanceof CellTooLongError && header ? error.titled(header.row) : error;
  }
  if (!header) throw search.notFound();
}

/** First cells of a totals row, normalised: "JUMLAH", "Jumlah :", "TOTAL", "Grand Total". */
const TOTALS_LABELS: ReadonlySet<string> = new Set([
  'jumlah', 'total', 'jumlahtotal', 'totaljumlah', 'grandtotal', 'subtotal', 'jumlahkeseluruhan', 'totalkeseluruhan',
  'jumlahseluruhnya', 'jumlahpeserta', 'totalpeserta',
]);

/**
 * A row whose first non-empty cell is a totals label. Not the end of the list: a sheet may total
 * each block of people, and a row after a totals row is read as any other.
 */
function isTotalsRow(row: SpreadsheetRow): boolean {
  const first = row.cells.find((cell) => cell.kind !== 'empty' && cell.text.trim() !== '');
  return first?.kind === 'text' && TOTALS_LABELS.has(first.text.toLowerCase().replace(/[^a-z]+/g, ''));
}
