import type { RejectedRow } from '../api/roster-schemas';
import type { RawRosterRow } from '../core/roster/raw-roster-row';
import { MAX_ECHOED_COLUMNS, MAX_ROSTER_CELL_CHARS } from '../core/roster/roster-cell-limits';
import { ROSTER_FIELDS } from '../core/roster/roster-fields';
import { fieldOfHeader } from './roster-file/roster-columns';
import type { SpreadsheetRow } from './spreadsheets/spreadsheet-row';
import { dateCell, type SheetCell } from './spreadsheets/sheet-cell';

/**
 * The rejected-rows report an office fixes and imports again (`npx lindung roster rejections`,
 * the console's download). When the import kept the file's own columns (raw-roster-row.ts), each
 * row comes back as the office wrote it: every column in its order (RT/RW, notes and all), dates
 * as they were written (a CSV's text as typed, an XLSX date as a date), then the problem columns,
 * which an import ignores. Otherwise (an import from the console, or from before columns were
 * kept) the roster columns Lindung reads, after the row number.
 */

/** The columns the report adds after the office's own; a report of a re-imported report replaces them. */
const PROBLEM_COLUMNS = ['Baris', 'Kode Alasan', 'Alasan', 'Reason', 'Perbaikan'];

export const REJECTION_REPORT_HEADER = ['Baris', 'NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Kelurahan', 'Kecamatan', 'No HP', 'Segmen', 'Kode Alasan', 'Alasan', 'Reason', 'Perbaikan'];

/** One row of the report without the file's columns: the row number, the roster fields, the problems. */
export function rejectionReportRow(row: RejectedRow): string[] {
  return [String(row.row), ...ROSTER_FIELDS.map((field) => row.values[field] ?? ''), ...problemCells(row)];
}

export interface RejectionReport {
  readonly header: readonly string[];
  row(rejected: RejectedRow): SheetCell[];
}

/** The report for an import whose file had these `columns` (ImportStatus.columns), if it kept them. */
export function rejectionReport(columns: readonly string[] | undefined): RejectionReport {
  if (!columns) return { header: REJECTION_REPORT_HEADER, row: rejectionReportRow };
  const ours = new Set(PROBLEM_COLUMNS);
  const kept = columns.flatMap((title, index) => (ours.has(title.trim()) ? [] : [index]));
  return {
    header: [...kept.map((index) => columns[index]!), ...PROBLEM_COLUMNS],
    row: (rejected) => [...ownCells(rejected, columns, kept), String(rejected.row), ...problemCells(rejected)],
  };
}

/**
 * The row's cells in the kept columns. A row the API has no cells of (one that lost to a
 * duplicate after its page was done) is rebuilt from its values under the columns they came from.
 */
function ownCells(rejected: RejectedRow, columns: readonly string[], kept: readonly number[]): SheetCell[] {
  const { cells } = rejected;
  if (!cells) {
    return kept.map((index) => {
      const field = fieldOfHeader(columns[index]!);
      return field ? (rejected.values[field] ?? '') : '';
    });
  }
  const dates = new Set(rejected.dateCells);
  return kept.map((index) => {
    const text = cells[index] ?? '';
    return dates.has(index) && text !== '' ? dateCell(text) : text;
  });
}

/**
 * A row fixed in the console, with the cells it came with, to import again under the same
 * `columns`: a cell under a roster field's column takes the row's value for it (when it has one); the office's other
 * columns (RT/RW, notes) stay as written, so the new import's report gives them back. A cell whose
 * value changed is no longer the date it was.
 */
export function withOwnCells(fixed: RawRosterRow, columns: readonly string[], original: Pick<RejectedRow, 'cells' | 'dateCells'>): RawRosterRow {
  if (fixed.cells || !original.cells) return fixed;
  const cells = [...original.cells];
  const changed = new Set<number>();
  columns.forEach((title, index) => {
    const field = index < cells.length ? fieldOfHeader(title) : undefined;
    const value = field ? fixed.values[field] : undefined;
    if (value !== undefined && value !== cells[index]) {
      cells[index] = value;
      changed.add(index);
    }
  });
  const dateCells = original.dateCells?.filter((index) => !changed.has(index));
  return { ...fixed, cells, ...(dateCells?.length ? { dateCells } : {}) };
}

function problemCells(row: RejectedRow): string[] {
  return [
    row.problems.map((p) => p.reason).join(', '),
    row.problems.map((p) => p.id).join('; '),
    row.problems.map((p) => p.en).join('; '),
    [...new Set(row.problems.map((p) => p.fix))].join(' '),
  ];
}

/** The header row as the import keeps it: each title as written, up to the last one given. */
export function fileColumns(header: SpreadsheetRow): string[] {
  const titles = header.cells.slice(0, MAX_ECHOED_COLUMNS).map((cell) => cell.text.trim().slice(0, MAX_ROSTER_CELL_CHARS));
  while (titles.length > 0 && titles.at(-1) === '') titles.pop();
  return titles;
}

/**
 * A data row's cells as the import keeps them for the report, in the header's columns: the text as
 * read (cut like roster values), and which were XLSX dates. Cells past the header's last title are
 * not kept: the report has no column for them.
 */
export function writtenCells(row: SpreadsheetRow, columns: number): { cells: string[]; dateCells?: number[] } {
  const cells = Array.from({ length: columns }, (_, index) => row.cells[index]?.text.slice(0, MAX_ROSTER_CELL_CHARS) ?? '');
  const dateCells = cells.flatMap((_, index) => (row.cells[index]?.kind === 'date' ? [index] : []));
  return dateCells.length > 0 ? { cells, dateCells } : { cells };
}
