import { excelSerialToIsoDate } from '../../lib/excel-date';
import type { IsoDate } from '../calendar/calendar';
import { daysInMonth } from '../people/nik';

/**
 * Birth dates as offices write them in rosters. Indonesian convention is day first, so
 * `01/02/1980` is 1 February 1980; month-first (US) dates are not guessed at: a wrong guess
 * would pass silently, while a refused date only costs the office a correction (and the NIK
 * already carries the birth date, so the column may be left empty).
 *
 * Accepted, after trimming:
 * - `dd/mm/yyyy`, `d/m/yyyy`, also with `-` or `.` (one separator throughout), optionally
 *   followed by a time (`01/02/1980 00:00`);
 * - `yyyy-mm-dd` (also `/` or `.`), optionally followed by a time (`1980-02-01T00:00:00`);
 * - a day, a month name and a year: `1 Februari 1980`, `01-Feb-1980`, `1 Pebruari 1980`
 *   (Indonesian and English names and abbreviations);
 * - a "tempat, tanggal lahir" cell: `Jakarta, 01-02-1980` is read after its last comma;
 * - an Excel serial number (1900 date system): when the cell was numeric (a fraction, i.e. a
 *   time of day, is dropped), or when the text is a plain integer from 1 to 60000 (1900-01-01
 *   to 2064-04-08), as a CSV saved from a date column without a date format shows it.
 *   Excel counts a 29 February 1900 that never was (serial 60, kept for Lotus 1-2-3
 *   compatibility): serials 1..59 are 1900-01-01..1900-02-28, 61 onwards are shifted back one
 *   day (61 = 1900-03-01, 29221 = 1980-01-01), and 60 itself is refused (undefined) since it is
 *   no real date.
 * Years outside 1800..2199 are refused as typing errors. Two-digit years are refused: the
 * century would be a guess.
 */
export function parseRosterDate(text: string, numericCell: boolean): IsoDate | undefined {
  const value = text.trim();
  if (value.length === 0) return undefined;
  if (numericCell) return fromNumericCell(value);
  const date = fromText(value);
  if (date !== undefined) return date;
  if (PLAIN_INTEGER.test(value)) {
    const serial = Number(value);
    return serial >= 1 && serial <= 60_000 ? fromExcelSerial(serial) : undefined;
  }
  const comma = value.lastIndexOf(',');
  return comma >= 0 ? fromText(value.slice(comma + 1).trim()) : undefined;
}

/**
 * The date of a whole Excel serial number in the 1900 date system; see parseRosterDate. Serial
 * 60 is Excel's phantom 29 February 1900, which no one was born on: no date.
 */
export function fromExcelSerial(serial: number): IsoDate | undefined {
  if (!Number.isInteger(serial) || serial === PHANTOM_LEAP_DAY) return undefined;
  return excelSerialToIsoDate(serial, false);
}

const PHANTOM_LEAP_DAY = 60;
const PLAIN_INTEGER = /^\d{1,6}$/;
const NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/;
const MONTH_NAME = /^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.]+(\d{4})$/;

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, january: 1, jan: 1,
  februari: 2, pebruari: 2, february: 2, feb: 2, peb: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agu: 8, agt: 8, ags: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};

function fromNumericCell(value: string): IsoDate | undefined {
  if (!NUMBER.test(value)) return undefined;
  return fromExcelSerial(Math.floor(Number(value)));
}

function fromText(value: string): IsoDate | undefined {
  if (value.length === 10) {
    // Fast paths for the two shapes nearly every roster uses.
    const a = value.charCodeAt(2);
    const b = value.charCodeAt(5);
    if (a === b && isSeparator(a) && allDigits(value, 0, 2) && allDigits(value, 3, 5) && allDigits(value, 6, 10)) {
      return isoDate(digits(value, 6, 10), digits(value, 3, 5), digits(value, 0, 2));
    }
    if (value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && allDigits(value, 0, 4) && allDigits(value, 5, 7) && allDigits(value, 8, 10)) {
      const year = digits(value, 0, 4);
      const month = digits(value, 5, 7);
      const day = digits(value, 8, 10);
      return isoDate(year, month, day) === undefined ? undefined : value;
    }
  }
  let match = ISO.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[3]), Number(match[4]));
  match = DAY_FIRST.exec(value);
  if (match) return isoDate(Number(match[4]), Number(match[3]), Number(match[1]));
  match = MONTH_NAME.exec(value);
  if (match) {
    const month = MONTHS[match[2]!.toLowerCase()];
    return month === undefined ? undefined : isoDate(Number(match[3]), month, Number(match[1]));
  }
  return undefined;
}

function isSeparator(char: number): boolean {
  return char === 47 /* / */ || char === 45 /* - */ || char === 46; /* . */
}

function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const char = text.charCodeAt(i);
    if (char < 48 || char > 57) return false;
  }
  return true;
}

function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function isoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return format(year, month, day);
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

