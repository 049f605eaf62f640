/**
 * How calendar dates and months are written (YYYY-MM-DD, YYYY-MM), as plain checks. The zod
 * schemas in calendar.ts use them; the web console's bundle uses them without the schema library.
 */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A YYYY-MM-DD that exists on the calendar (no 31 February). */
export function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isIsoDate(value: string): boolean {
  return ISO_DATE_PATTERN.test(value) && isRealDate(value);
}

export function isIsoMonth(value: string): boolean {
  return ISO_MONTH_PATTERN.test(value);
}
