import { isIsoDate, isIsoMonth } from './calendar-patterns';

/**
 * Dates as Indonesian documents write them: `1 Januari 2027`, `Juli 2027`, `pukul 08.30 WIB`.
 * Month names are spelled out (never `01/07/2027`, which readers of day-first and month-first
 * dates take differently).
 */

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
/** The same dates for a reader who chose English (the console's toggle): `1 January 2027`, `00.30 WIB` kept as Jakarta time. */
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Which spelling of dates: Bahasa Indonesia, or English for a reader who asked for it. */
export type DateLanguage = 'id' | 'en';

/**
 * Western Indonesia Time, where the regional offices of Java and Sumatra work, is UTC+7 all year:
 * Indonesia has had no daylight saving time since 1964, so a fixed offset is exact and does not
 * depend on the host's time-zone data.
 */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * A timestamp must say its offset: without one, JavaScript reads it in the host's time zone, and
 * the same document would show different dates on a laptop and on a Lambda.
 */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

interface JakartaTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** Absent when the input was a calendar date with no time of day. */
  time?: { hour: number; minute: number };
}

/** `2027-01-01` or `2026-12-31T17:30:00Z` → `1 Januari 2027` (the date in Jakarta). */
export function formatIndonesianDate(iso: string): string {
  const { year, month, day } = inJakarta(iso);
  return `${day} ${monthName(month)} ${year}`;
}

/**
 * `2026-12-31T17:30:00Z` → `1 Januari 2027 pukul 00.30 WIB`; a plain date has no time to show.
 * Indonesian spelling separates hours and minutes with a dot.
 */
export function formatIndonesianDateTime(iso: string): string {
  const moment = inJakarta(iso);
  const date = `${moment.day} ${monthName(moment.month)} ${moment.year}`;
  if (!moment.time) return date;
  return `${date} pukul ${twoDigits(moment.time.hour)}.${twoDigits(moment.time.minute)} WIB`;
}

/** A date, date and time, or month in `language`: `1 January 2027 at 00.30 WIB`, `July 2027` in English. */
export function formatDateIn(language: DateLanguage, iso: string): string {
  if (language === 'id') return formatIndonesianDate(iso);
  const { year, month, day } = inJakarta(iso);
  return `${day} ${monthName(month, MONTHS_EN)} ${year}`;
}

export function formatDateTimeIn(language: DateLanguage, iso: string): string {
  if (language === 'id') return formatIndonesianDateTime(iso);
  const moment = inJakarta(iso);
  const date = formatDateIn('en', iso);
  return moment.time ? `${date} at ${twoDigits(moment.time.hour)}.${twoDigits(moment.time.minute)} WIB` : date;
}

export function formatMonthIn(language: DateLanguage, month: string): string {
  if (language === 'id') return formatIndonesianMonth(month);
  const [year, index] = parseMonth(month);
  return `${monthName(index, MONTHS_EN)} ${year}`;
}

/** `2027-07` → `Juli 2027`. */
export function formatIndonesianMonth(month: string): string {
  const [year, index] = parseMonth(month);
  return `${monthName(index)} ${year}`;
}

/**
 * A span of months, the year written once when both ends share it: `Januari–Desember 2027`,
 * `Juli 2027` (one month), `Desember 2026–Januari 2027`.
 */
export function formatIndonesianMonthRange(from: string, to: string): string {
  const [fromYear, fromIndex] = parseMonth(from);
  const [toYear, toIndex] = parseMonth(to);
  if (fromYear !== toYear) return `${formatIndonesianMonth(from)}–${formatIndonesianMonth(to)}`;
  if (fromIndex === toIndex) return formatIndonesianMonth(from);
  return `${monthName(fromIndex)}–${monthName(toIndex)} ${toYear}`;
}

/**
 * `Januari 2027` → `2027-01`, as a bill or letter names a month (any case, any spacing); undefined
 * for anything else, so the caller can say which text it could not read.
 */
export function parseIndonesianMonth(text: string): string | undefined {
  const match = /^([a-z]+)\s+(\d{4})$/i.exec(text.trim());
  if (!match) return undefined;
  const index = MONTHS.findIndex((name) => name.toLowerCase() === match[1]!.toLowerCase());
  return index < 0 ? undefined : `${match[2]}-${twoDigits(index + 1)}`;
}

function inJakarta(iso: string): JakartaTime {
  if (isIsoDate(iso)) {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    return { year, month, day };
  }
  const instant = TIMESTAMP.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(instant)) throw new Error(`${JSON.stringify(iso)} is neither a date (YYYY-MM-DD) nor an ISO timestamp with an offset`);
  // Shifting the instant by the offset makes its UTC fields read as Jakarta's wall clock.
  const wall = new Date(instant + JAKARTA_OFFSET_MS);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    time: { hour: wall.getUTCHours(), minute: wall.getUTCMinutes() },
  };
}

function parseMonth(month: string): [year: number, index: number] {
  if (!isIsoMonth(month)) throw new Error(`${JSON.stringify(month)} is not a month (YYYY-MM)`);
  return month.split('-').map(Number) as [number, number];
}

function monthName(month: number, names: readonly string[] = MONTHS): string {
  const name = names[month - 1];
  if (!name) throw new Error(`${month} is not a month number`);
  return name;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
