import { parseIndonesianMonth } from '../../core/calendar/indonesian-dates';
import { isIsoMonth } from '../../core/calendar/calendar-patterns';
import { parseNik } from '../../core/people/nik';
import { parseRupiah } from '../../core/money/rupiah-text';
import { FileFormatError, type FileFormatProblem } from '../spreadsheets/file-format-error';
import { unescapeFormula } from '../spreadsheets/formula-escape';
import type { Cell } from '../spreadsheets/spreadsheet-row';

/**
 * Reading one cell of the insurer's bill. Each reader throws a FileFormatError that names the
 * row and field (`where`, e.g. "Row 14, column NIK") and says what to do: the bill is the
 * insurer's document, so the fix is a corrected bill unless the office damaged it itself.
 * A NIK is never quoted: messages are read by people (personal-data.ts).
 */

const ASK_BPJS = 'correct the file or ask the BPJS branch for a corrected bill';
const EXCEL_LOST_DIGITS =
  'the digits Excel dropped cannot be recovered from this file: ask the BPJS branch for the bill again (as CSV, or as a workbook whose NIK column is Text) and do not open and save it in Excel before importing';

export interface CellPlace {
  readonly problem: FileFormatProblem;
  /** E.g. `Row 14, column NIK` or `Row 3, Jumlah Iuran`. */
  readonly where: string;
}

export function cellError(place: CellPlace, what: string, fix = ASK_BPJS): FileFormatError {
  return new FileFormatError(place.problem, `${place.where}: ${what} — ${fix}.`);
}

/** The cell's text, trimmed, with a formula escape Lindung's writers add taken off again. */
export function cellText(cell: Cell | undefined): string {
  return cell === undefined || cell.kind === 'empty' ? '' : unescapeFormula(cell.text.trim());
}

/** A text field of at most `maxLength` characters; may be empty. */
export function textCell(cell: Cell | undefined, place: CellPlace, maxLength: number): string {
  const text = cellText(cell);
  if (text.length > maxLength) throw cellError(place, `is ${text.length} characters long; at most ${maxLength} are expected`);
  return text;
}

/**
 * A NIK: 16 digits of text that parseNik accepts (real region, birth date, serial). An XLSX
 * number, or a CSV holding Excel's scientific notation, has lost digits and is said to be so.
 * `referenceDate` decides the century of the NIK's birth year (see parseNik).
 */
export function nikCell(cell: Cell | undefined, place: CellPlace, referenceDate: string): string {
  if (cell?.kind === 'number') throw cellError(place, 'the NIK is stored as a number, so Excel has kept only 15 of its 16 digits', EXCEL_LOST_DIGITS);
  const result = parseNik(cellText(cell), { numericCell: false, referenceDate });
  if (result.ok) return result.nik;
  switch (result.reason) {
    case 'NIK_MISSING':
      throw cellError(place, 'is empty; every line must name the NIK of the person billed');
    case 'NIK_EXCEL_SCIENTIFIC':
      throw cellError(place, `holds ${cellText(cell)}, a NIK Excel turned into scientific notation and so lost its last digits`, EXCEL_LOST_DIGITS);
    case 'NIK_REGION':
      throw cellError(place, `is not a valid NIK: its first four digits (${result.regionCode}) are not a Kemendagri province and regency/city code`);
    case 'NIK_BIRTH_DATE':
      throw cellError(place, 'is not a valid NIK: its digits 7 to 12 are not a birth date (DDMMYY, the day + 40 for women)');
    case 'NIK_SERIAL':
      throw cellError(place, 'is not a valid NIK: its serial (the last four digits) is 0000');
    default:
      throw cellError(place, 'must be a NIK of 16 digits');
  }
}

/** `2027-01`, `Januari 2027`, or an XLSX date cell (Excel turns a typed 2027-01 into 1 January 2027). */
export function monthCell(cell: Cell | undefined, place: CellPlace): string {
  const text = cellText(cell);
  const month = cell?.kind === 'date' ? text.slice(0, 7) : isIsoMonth(text) ? text : parseIndonesianMonth(text);
  if (month === undefined || !isIsoMonth(month)) throw cellError(place, 'must be a month written YYYY-MM (such as 2027-01) or as Januari 2027');
  return month;
}

/**
 * A whole, non-negative number: an XLSX number, or text as parseRupiah reads it (`217190400`,
 * `217.190.400`, `Rp217.190.400`). Text never has a decimal part (in Indonesian `1.234` is one
 * thousand two hundred and thirty-four); a number cell may, and is then refused.
 */
export function wholeNumberCell(cell: Cell | undefined, place: CellPlace, what: string): number {
  const text = cellText(cell);
  let value = Number.NaN;
  if (cell?.kind === 'number') value = Number(text);
  else {
    try {
      value = parseRupiah(text);
    } catch {
      // Reported below, with the place.
    }
  }
  if (!Number.isSafeInteger(value) || value < 0) throw cellError(place, `must be ${what}`);
  return value;
}

/** The 11-digit kode iuran; spaces, dots and dashes grouping its digits are ignored. */
export function kodeIuranCell(cell: Cell | undefined, place: CellPlace): string {
  const code = cellText(cell).replace(/[\s.-]/g, '');
  if (/^\d{11}$/.test(code)) return code;
  if (cell?.kind === 'number' && /^\d{1,10}$/.test(code)) {
    throw cellError(place, 'the kode iuran is stored as a number, so Excel dropped its leading zeros', 'format the cell as Text and type the 11 digits printed on the bill');
  }
  throw cellError(place, 'must be the 11-digit kode iuran printed on the bill');
}

/** The KPJ membership number: optional, at most 20 characters; never an Excel number that lost digits. */
export function kpjCell(cell: Cell | undefined, place: CellPlace): string | undefined {
  const kpj = textCell(cell, place, 20);
  if (cell?.kind === 'number' && !/^\d+$/.test(kpj)) throw cellError(place, `the KPJ is stored as a number Excel rewrote (${kpj})`);
  return kpj === '' ? undefined : kpj;
}
