import { maskPersonalData } from '../../core/people/personal-data';
import { FileFormatError } from '../spreadsheets/file-format-error';
import type { SpreadsheetRow } from '../spreadsheets/spreadsheet-row';
import { COLUMN_TITLES, type ColumnMap, fieldOfHeader, mapColumns } from './roster-columns';

/**
 * How far down the header row may be: below an office's title block ("DAFTAR NAMA KETUA RT …",
 * the regency, the year, a blank row or two), and near enough the top that a sheet of data
 * without a header is refused quickly rather than read as titles.
 */
export const HEADER_SEARCH_ROWS = 15;

/** The row taken as a roster's header, and what it means. */
export interface RosterHeader {
  readonly row: SpreadsheetRow;
  readonly columns: ColumnMap;
  /** The first text above the header (the title block's), personal data masked; none when the header is first. */
  readonly title?: string;
}

/**
 * Finds the header row among a roster's first rows, offered one by one in order: the first row
 * with a NIK column (by the column names of roster-columns.ts) is the header, and the rows above
 * it are the title block. Without one in the first HEADER_SEARCH_ROWS rows, the file is refused:
 * with the NIK column's absence from the row that looks most like a header (two known columns or
 * more), else with the column names expected.
 */
export class HeaderSearch {
  private title: string | undefined;
  /** The row with the most recognised columns so far, and how many. */
  private likeliest: { row: SpreadsheetRow; recognised: number } | undefined;

  /** The header when `row` is it; undefined for a row of the title block. Throws past the search rows. */
  offer(row: SpreadsheetRow): RosterHeader | undefined {
    if (row.rowNumber > HEADER_SEARCH_ROWS) throw this.notFound();
    let recognised = 0;
    let hasNik = false;
    for (const cell of row.cells) {
      const field = cell.kind === 'text' ? fieldOfHeader(cell.text) : undefined;
      if (field === undefined) continue;
      recognised++;
      hasNik ||= field === 'nik';
    }
    if (hasNik) return { row, columns: mapColumns(row), ...(this.title === undefined ? {} : { title: this.title }) };
    if (recognised >= 2 && recognised > (this.likeliest?.recognised ?? 0)) this.likeliest = { row, recognised };
    this.title ??= firstText(row);
    return undefined;
  }

  /** The error for a file whose rows ended, or passed the search rows, without a header. */
  notFound(): FileFormatError {
    if (this.likeliest) {
      // mapColumns names the NIK column as missing, and the headers it read instead.
      try {
        mapColumns(this.likeliest.row);
      } catch (error) {
        if (error instanceof FileFormatError) return error;
        throw error;
      }
    }
    const required = `"${COLUMN_TITLES.nik}", "${COLUMN_TITLES.name}", "${COLUMN_TITLES.segment}"`;
    const optional = (['birthDate', 'gender', 'address', 'kelurahan', 'kecamatan', 'phone'] as const).map((field) => `"${COLUMN_TITLES[field]}"`).join(', ');
    return new FileFormatError(
      'NO_HEADER_ROW',
      `Baris judul kolom tidak ditemukan di ${HEADER_SEARCH_ROWS} baris pertama: tidak ada baris dengan kolom NIK. ` +
        `Yang dicari: satu baris berisi judul kolom ${required} (Segmen boleh tidak ada bila semua baris satu segmen), ` +
        `dan boleh juga ${optional}. Tulis judul itu di atas data, paling bawah di baris ${HEADER_SEARCH_ROWS}. / ` +
        `No header row in the first ${HEADER_SEARCH_ROWS} rows: no row has a NIK column. Expected: one row with the column titles ` +
        `${required} (Segmen may be left out when every row is of one segment), and optionally ${optional}. ` +
        `Put those titles above the data, no lower than row ${HEADER_SEARCH_ROWS}.`,
    );
  }
}

/** The row's first text, shortened: a title block's first line names the list. */
function firstText(row: SpreadsheetRow): string | undefined {
  const text = row.cells.find((cell) => cell.kind === 'text' && cell.text.trim() !== '')?.text.trim().replace(/\s+/g, ' ');
  if (text === undefined) return undefined;
  const masked = maskPersonalData(text);
  return masked.length > 80 ? `${masked.slice(0, 79).trimEnd()}…` : masked;
}
