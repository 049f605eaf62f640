import { z } from 'zod';
import type { IsoDate } from '../calendar/calendar';
import { isKnownRegionCode } from './regions';

/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national ID: `PP KK CC DDMMYY NNNN`. Province,
 * regency/city and district of first registration; the birth date with 40 added to the day for
 * women; a serial from 0001. See shared/domain-reference.md.
 *
 * parseNik runs once per roster row (rosters reach a million rows), so it works on character
 * codes and allocates nothing but its result.
 */
/** A NIK as a request or record carries it: 16 digits (parseNik checks the rest). */
export const NikText = z.string().regex(/^\d{16}$/, 'must be a NIK of 16 digits');

export type Gender = 'L' | 'P';

export type NikResult =
  | { readonly ok: true; readonly nik: string; readonly regionCode: string; readonly birthDate: IsoDate; readonly gender: Gender }
  | {
      readonly ok: false;
      readonly reason: NikRejection;
      /** NIK_FORMAT: characters left after cleaning, and how many of them are digits. */
      readonly length?: number;
      readonly digits?: number;
      /** NIK_REGION: the first four digits. */
      readonly regionCode?: string;
    };

/**
 * The rejection reasons parseNik can give; all of them are codes of the roster rejection
 * catalogue (shared/core/roster/rejection-reasons.ts), which checks that at compile time.
 */
export type NikRejection =
  | 'NIK_MISSING'
  | 'NIK_FORMAT'
  | 'NIK_EXCEL_SCIENTIFIC'
  | 'NIK_EXCEL_NUMBER'
  | 'NIK_REGION'
  | 'NIK_BIRTH_DATE'
  | 'NIK_SERIAL';

export interface NikOptions {
  /** The cell was a number in the file (Excel has then kept only 15 significant digits). */
  readonly numericCell: boolean;
  /** Decides the century of the birth year; see parseNik. Use the coverage start. */
  readonly referenceDate: IsoDate;
}

/**
 * Reads a NIK as an office typed it: spaces, dots, dashes and a leading apostrophe (Excel's
 * "force text" prefix) are ignored. Checked in this order, the first failure is returned:
 * 1. Excel damage: scientific notation (`3.67401E+15`, `3,67401E+15`) → NIK_EXCEL_SCIENTIFIC;
 *    a numeric cell of 16 or more digits → NIK_EXCEL_NUMBER.
 * 2. Exactly 16 digits → else NIK_FORMAT (empty → NIK_MISSING).
 * 3. The province (2 digits) and regency/city (4 digits) exist → else NIK_REGION.
 * 4. DDMMYY is a real date, the day being DD (men) or DD−40 (women, DD 41..71) → else
 *    NIK_BIRTH_DATE. Century: the year is 20YY unless 20YY-MM-DD falls after `referenceDate`,
 *    in which case it is 19YY. So with a 2026-01-01 reference, YY=25 is 2025 and YY=26..99 are
 *    1926..1999; a person older than ~100 would be read 100 years too young, which no age
 *    window of a worker segment admits anyway.
 * 5. The serial (last 4 digits) is not 0000 → else NIK_SERIAL.
 */
export function parseNik(raw: string, options: NikOptions): NikResult {
  const reason = readNik(raw, options.numericCell, options.referenceDate, scratch);
  if (reason === undefined) {
    return { ok: true, nik: scratch.nik, regionCode: scratch.nik.slice(0, 4), birthDate: nikBirthDate(scratch), gender: scratch.gender };
  }
  if (reason === 'NIK_FORMAT') return { ok: false, reason, length: scratch.length, digits: scratch.digits };
  if (reason === 'NIK_REGION') return { ok: false, reason, regionCode: scratch.nik.slice(0, 4) };
  return { ok: false, reason };
}

/** What readNik leaves behind; reused from call to call (the code is single-threaded). */
export interface NikScratch {
  nik: string;
  length: number;
  digits: number;
  year: number;
  month: number;
  day: number;
  gender: Gender;
}

const scratch: NikScratch = { nik: '', length: 0, digits: 0, year: 0, month: 0, day: 0, gender: 'L' };

/** `3.67401E+15`, `3,67401E+15`, `3.67401e15`, after the cell is trimmed. */
const SCIENTIFIC = /^'?\s*[+-]?\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\s*\d+$/;

/** Province + regency codes (0..9999) that exist, both as 2-digit and 4-digit codes. */
const KNOWN_REGION = new Uint8Array(10_000);
for (let code = 1000; code < 10_000; code++) {
  const text = String(code);
  if (isKnownRegionCode(text.slice(0, 2)) && isKnownRegionCode(text)) KNOWN_REGION[code] = 1;
}

const ZERO = 48;
const NINE = 57;

function isIgnored(char: number): boolean {
  // space, tab, no-break space, narrow no-break space, dot, hyphen-minus, en dash, em dash, minus sign
  return char === 32 || char === 9 || char === 0xa0 || char === 0x202f || char === 46 || char === 45 || char === 0x2013 || char === 0x2014 || char === 0x2212;
}

/**
 * The allocation-free core of parseNik for the row check: returns the rejection, or undefined
 * with the NIK, its birth date and gender in `out`.
 */
export function readNik(raw: string, numericCell: boolean, referenceDate: IsoDate, out: NikScratch): NikRejection | undefined {
  let nik = raw;
  if (!isSixteenDigits(raw)) {
    // Slow path: clean the text. Excel damage is recognised on the text as written.
    const trimmed = raw.trim();
    if (trimmed.length === 0) return 'NIK_MISSING';
    if (SCIENTIFIC.test(trimmed)) return 'NIK_EXCEL_SCIENTIFIC';
    nik = '';
    let start = 0;
    if (trimmed.charCodeAt(0) === 39 /* ' */ || trimmed.charCodeAt(0) === 0x2019 /* ’ */) start = 1;
    for (let i = start; i < trimmed.length; i++) {
      const char = trimmed.charCodeAt(i);
      if (!isIgnored(char)) nik += trimmed[i];
    }
    if (nik.length === 0) return 'NIK_MISSING';
  }
  out.nik = nik;
  let digits = 0;
  for (let i = 0; i < nik.length; i++) {
    const char = nik.charCodeAt(i);
    if (char >= ZERO && char <= NINE) digits++;
  }
  if (numericCell && digits >= 16) return 'NIK_EXCEL_NUMBER';
  if (digits !== 16 || nik.length !== 16) {
    out.length = nik.length;
    out.digits = digits;
    return 'NIK_FORMAT';
  }

  if (KNOWN_REGION[digitsAt(nik, 0, 4)] !== 1) return 'NIK_REGION';

  let day = digitsAt(nik, 6, 2);
  const month = digitsAt(nik, 8, 2);
  const yy = digitsAt(nik, 10, 2);
  let gender: Gender = 'L';
  if (day > 40) {
    day -= 40;
    gender = 'P';
  }
  let year = 2000 + yy;
  if (year * 10_000 + month * 100 + day > dateNumber(referenceDate)) year -= 100;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'NIK_BIRTH_DATE';

  if (digitsAt(nik, 12, 4) === 0) return 'NIK_SERIAL';

  out.year = year;
  out.month = month;
  out.day = day;
  out.gender = gender;
  return undefined;
}

/** The birth date readNik found, as YYYY-MM-DD. */
export function nikBirthDate(found: Pick<NikScratch, 'year' | 'month' | 'day'>): IsoDate {
  return `${found.year}-${found.month < 10 ? '0' : ''}${found.month}-${found.day < 10 ? '0' : ''}${found.day}`;
}

function isSixteenDigits(text: string): boolean {
  if (text.length !== 16) return false;
  for (let i = 0; i < 16; i++) {
    const char = text.charCodeAt(i);
    if (char < ZERO || char > NINE) return false;
  }
  return true;
}

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + (text.charCodeAt(i) - ZERO);
  return value;
}

let lastReference = '';
let lastReferenceNumber = 0;

/** `2026-01-01` → 20260101, cached for the run of rows that share one reference date. */
function dateNumber(date: IsoDate): number {
  if (date !== lastReference) {
    lastReference = date;
    lastReferenceNumber = digitsAt(date, 0, 4) * 10_000 + digitsAt(date, 5, 2) * 100 + digitsAt(date, 8, 2);
  }
  return lastReferenceNumber;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
