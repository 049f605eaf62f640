const MS_PER_DAY = 86_400_000;
/** Serial 1 in the 1900 system is 1900-01-01, so day 0 is 1899-12-31 ... */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
/** ... but Excel counts a 1900-02-29 that never was (serial 60, a Lotus 1-2-3 bug it kept), so from 1900-03-01 on, day 0 is 1899-12-30. */
const EPOCH_1900_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const FAKE_LEAP_DAY = 60;
/** The 1904 system (old Mac Excel, `<workbookPr date1904="1"/>`): serial 0 is 1904-01-01. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last date Excel displays, in each system. */
const MAX_SERIAL_1900 = 2_958_465;
const MAX_SERIAL_1904 = 2_957_003;

/**
 * The calendar date (`YYYY-MM-DD`) Excel displays for a date serial, ignoring the time of day;
 * undefined for serials Excel shows as `####` or as no real date (0 in the 1900 system is
 * "1900-01-00"). Serial 60 of the 1900 system is returned as `1900-02-29`, as Excel shows it.
 */
export function excelSerialToIsoDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  // Round to the millisecond first, as Excel does, so 29252.999999999996 (a float's idea of a
  // whole day) is the next day rather than 23:59:59.999 of this one.
  const day = Math.floor(Math.round(serial * MS_PER_DAY) / MS_PER_DAY);
  if (date1904) {
    if (day < 0 || day > MAX_SERIAL_1904) return undefined;
    return isoDate(EPOCH_1904 + day * MS_PER_DAY);
  }
  if (day < 1 || day > MAX_SERIAL_1900) return undefined;
  if (day === FAKE_LEAP_DAY) return '1900-02-29';
  return isoDate((day < FAKE_LEAP_DAY ? EPOCH_1900 : EPOCH_1900_AFTER_LEAP_BUG) + day * MS_PER_DAY);
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * The 1900-system serial of a calendar date (`YYYY-MM-DD`), the inverse of excelSerialToIsoDate:
 * 1980-01-01 → 29221. Undefined for a date Excel cannot show (before 1900-03-01, where its
 * phantom 29 February 1900 makes serials ambiguous, or after 9999-12-31) or not a date at all.
 */
export function isoDateToExcelSerial(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const epochMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoDate(epochMs) !== date) return undefined;
  const serial = (epochMs - EPOCH_1900_AFTER_LEAP_BUG) / MS_PER_DAY;
  return serial > FAKE_LEAP_DAY && serial <= MAX_SERIAL_1900 ? serial : undefined;
}
