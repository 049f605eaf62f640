import { maskPersonalData } from '../../core/people/personal-data';
import { FileFormatError } from '../spreadsheets/file-format-error';
import type { Cell, SpreadsheetRow } from '../spreadsheets/spreadsheet-row';
import type { RawRosterRow, RosterField } from '../../core/roster/raw-roster-row';

/**
 * Which spreadsheet column feeds which roster field, whatever the office called it. Headers
 * are compared without case, spaces, punctuation and bracketed notes, so `No. KTP`, `NIK (16
 * digit)`, `Tgl. Lahir` and `Tanggal_Lahir` are all understood. Columns Lindung does not know
 * are ignored: a rejection report adds "Alasan"/"Reason" columns and must import again as is.
 */
export interface MappedColumn {
  readonly field: RosterField;
  /** 0-based cell index. */
  readonly index: number;
  /** The header as written in the file. */
  readonly header: string;
}

export interface ColumnMap {
  /** Cell index (0-based) of each recognised field; the NIK column is always there. */
  readonly columns: Readonly<Partial<Record<RosterField, number>>> & { readonly nik: number };
  /** The recognised columns in cell order. */
  readonly fields: readonly MappedColumn[];
  /** Non-empty headers that matched no field, in cell order. */
  readonly ignored: readonly string[];
  /**
   * Cell index of the row-number column ("No.", "Nomor", "#"), if there is one: offices number
   * their rows, and number the empty rows of a form too, which are no people.
   */
  readonly numbering?: number;
}

/** Two columns map to one field, so it is not clear which one to read. */
export class DuplicateColumnError extends FileFormatError {
  constructor(
    readonly field: RosterField,
    readonly headers: readonly [string, string],
    message: string,
  ) {
    super('DUPLICATE_COLUMN', message);
    this.name = 'DuplicateColumnError';
  }
}

/** Header spellings per field, already normalised (see normaliseHeader). */
const ALIASES: Readonly<Record<RosterField, readonly string[]>> = {
  nik: [
    'nik', 'nonik', 'nomornik', 'nikktp', 'nikpeserta', 'nomorindukkependudukan', 'noindukkependudukan',
    'noktp', 'nomorktp', 'ktp', 'noidentitas', 'nomoridentitas',
  ],
  name: ['nama', 'namalengkap', 'namapeserta', 'namasesuaiktp', 'namalengkapsesuaiktp', 'name', 'fullname'],
  birthDate: [
    'tanggallahir', 'tgllahir', 'tgllhr', 'tanggallhr', 'tanggalkelahiran', 'tgllahirpeserta',
    'ttl', 'tempattanggallahir', 'tempattgllahir', 'birthdate', 'dateofbirth', 'dob',
  ],
  gender: ['jeniskelamin', 'jk', 'lp', 'kelamin', 'jnskelamin', 'jeniskel', 'jnskel', 'gender', 'sex'],
  address: ['alamat', 'alamatlengkap', 'alamatrumah', 'address'],
  kelurahan: ['kelurahan', 'desa', 'kelurahandesa', 'desakelurahan', 'keldesa', 'desakel', 'kel', 'village'],
  kecamatan: ['kecamatan', 'kec', 'district'],
  phone: [
    'nohp', 'nomorhp', 'hp', 'nohandphone', 'nomorhandphone', 'handphone', 'notelp', 'nomortelp', 'notlp',
    'telp', 'telepon', 'telpon', 'notelepon', 'nomortelepon', 'notelpon', 'nomortelpon', 'phone', 'nophone',
  ],
  segment: ['segmen', 'segment', 'kategori', 'segmenpeserta', 'kategoripeserta', 'category'],
};

/**
 * The titles Lindung gives the columns of a file it writes for an office to fill in (the roster
 * template): each reads back as its field.
 */
export const COLUMN_TITLES: Readonly<Record<RosterField, string>> = {
  nik: 'NIK',
  name: 'Nama',
  birthDate: 'Tanggal Lahir',
  gender: 'Jenis Kelamin',
  address: 'Alamat',
  kelurahan: 'Kelurahan',
  kecamatan: 'Kecamatan',
  phone: 'No HP',
  segment: 'Segmen',
};

/** Headers of a row-number column, normalised; `#` normalises to nothing and is matched as written. */
const ROW_NUMBER_HEADERS: ReadonlySet<string> = new Set(['no', 'nomor', 'nourut', 'nomorurut', 'urut']);

const FIELD_BY_HEADER: ReadonlyMap<string, RosterField> = new Map(
  (Object.entries(ALIASES) as [RosterField, readonly string[]][]).flatMap(([field, names]) => names.map((name) => [name, field] as const)),
);

const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/** `No. KTP` → `noktp`, `Jenis Kelamin (L/P)` → `jeniskelamin`, `L/P` → `lp`. */
export function normaliseHeader(header: string): string {
  const lower = header.toLowerCase();
  const key = lower.replace(BRACKETED, '').replace(NOT_ALPHANUMERIC, '');
  return key.length > 0 ? key : lower.replace(NOT_ALPHANUMERIC, '');
}

/** The roster field a header stands for, if any. */
export function fieldOfHeader(header: string): RosterField | undefined {
  return FIELD_BY_HEADER.get(normaliseHeader(header));
}

/** Whether a header titles the row-number column: `No`, `No.`, `NO`, `Nomor`, `No. Urut`, `#`. */
export function isRowNumberHeader(header: string): boolean {
  const text = header.trim();
  return text === '#' || ROW_NUMBER_HEADERS.has(normaliseHeader(text));
}

/**
 * Maps a header row onto roster fields. Throws FileFormatError NO_NIK_COLUMN when no column
 * is a NIK (listing the headers seen), and DuplicateColumnError when two columns would feed
 * the same field (naming both), rather than guess which one the office meant.
 */
export function mapColumns(header: SpreadsheetRow): ColumnMap {
  const columns: Partial<Record<RosterField, number>> = {};
  const fields: MappedColumn[] = [];
  const ignored: string[] = [];
  let numbering: number | undefined;
  header.cells.forEach((cell, index) => {
    const text = cell.text.trim();
    if (text.length === 0) return;
    const field = fieldOfHeader(text);
    if (field === undefined) {
      if (numbering === undefined && isRowNumberHeader(text)) numbering = index;
      ignored.push(text);
      return;
    }
    const other = columns[field];
    if (other !== undefined) {
      const first = fields.find((f) => f.index === other)!;
      throw new DuplicateColumnError(
        field,
        [first.header, text],
        maskPersonalData(
        `Kolom ${describeColumn(first.header, other)} dan ${describeColumn(text, index)} sama-sama dibaca sebagai ${FIELD_NAMES[field]}; ` +
          `hapus atau ganti judul salah satunya. / Columns ${describeColumn(first.header, other)} and ${describeColumn(text, index)} ` +
          `both read as ${field}; delete or rename one of them.`,
        ),
      );
    }
    columns[field] = index;
    fields.push({ field, index, header: text });
  });
  if (columns.nik === undefined) {
    const seen = [...fields.map((f) => f.header), ...ignored];
    const list = seen.length === 0 ? '(tidak ada / none)' : seen.slice(0, 30).map((h) => `"${shorten(h)}"`).join(', ') + (seen.length > 30 ? ', …' : '');
    throw new FileFormatError(
      'NO_NIK_COLUMN',
      maskPersonalData(
        `Kolom NIK tidak ditemukan di baris judul (baris ${header.rowNumber}); judul yang terbaca: ${list}. ` +
          'Beri judul "NIK" pada kolom NIK, di baris pertama tabel. / ' +
          `No NIK column in the header row (row ${header.rowNumber}); headers found: ${list}. ` +
          'Title the NIK column "NIK", in the first row of the table.',
      ),
    );
  }
  const map = { columns: columns as ColumnMap['columns'], fields, ignored };
  return numbering === undefined ? map : { ...map, numbering };
}

/**
 * The roster values of one data row: trimmed cell texts (a `date` cell keeps its YYYY-MM-DD
 * text; values longer than RawRosterRow's 500 characters are cut), with `numeric` listing the
 * fields whose cell was a number. Undefined for a row empty but for its row number. A row with
 * data only in ignored columns still yields a (valueless) row, so the office hears about it.
 *
 * An empty segment cell under a merged range (XLSX) takes the range's value: offices merge the
 * segment down a block of people. Only the segment: a merge elsewhere is layout, and filling a
 * name or NIK down would make people up. A blank cell that is not merged stays blank (in a CSV
 * too), since "same as above" is not something a roster may guess.
 */
export function toRawRow(row: SpreadsheetRow, map: ColumnMap): RawRosterRow | undefined {
  if (isEmptyRow(row.cells, map.numbering)) return undefined;
  const values: Partial<Record<RosterField, string>> = {};
  let numeric: RosterField[] | undefined;
  for (const { field, index } of map.fields) {
    let cell = row.cells[index];
    if (field === 'segment' && (cell === undefined || cell.kind === 'empty')) cell = row.merged?.valueAt(index);
    if (cell === undefined || cell.kind === 'empty') continue;
    let text = cell.text.trim();
    if (text.length === 0) continue;
    if (text.length > MAX_VALUE_LENGTH) text = text.slice(0, MAX_VALUE_LENGTH);
    values[field] = text;
    if (cell.kind === 'number') (numeric ??= []).push(field);
  }
  return numeric ? { row: row.rowNumber, values, numeric } : { row: row.rowNumber, values };
}

const MAX_VALUE_LENGTH = 500;

function isEmptyRow(cells: readonly Cell[], numbering: number | undefined): boolean {
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index]!;
    if (index !== numbering && cell.kind !== 'empty' && cell.text.trim().length > 0) return false;
  }
  return true;
}

const FIELD_NAMES: Readonly<Record<RosterField, string>> = {
  nik: 'NIK',
  name: 'nama',
  birthDate: 'tanggal lahir',
  gender: 'jenis kelamin',
  address: 'alamat',
  kelurahan: 'kelurahan/desa',
  kecamatan: 'kecamatan',
  phone: 'nomor HP',
  segment: 'segmen',
};

/** `"No HP" (kolom C)`. */
function describeColumn(header: string, index: number): string {
  return `"${shorten(header)}" (${columnLetter(index)})`;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
