import { z } from 'zod';
import { ISO_DATE_PATTERN, ISO_MONTH_PATTERN, isRealDate } from './calendar-patterns';

/** A calendar date as `YYYY-MM-DD`, validated as a real date (no 31 February). */
export const IsoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'must be a date written YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** A calendar month as `YYYY-MM`; premiums are due per month. */
export const IsoMonth = z.string().regex(ISO_MONTH_PATTERN, 'must be a month written YYYY-MM');
export type IsoMonth = z.infer<typeof IsoMonth>;

/** Whole years between a birth date and a reference date, as Indonesian law counts age. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}

/** The months from one month to December of its year. */
export function monthsToYearEnd(first: IsoMonth): IsoMonth[] {
  const year = first.slice(0, 4);
  return Array.from({ length: 13 - Number(first.slice(5, 7)) }, (_, i) => `${year}-${String(Number(first.slice(5, 7)) + i).padStart(2, '0')}`);
}

/** `2027-02` → `2027-02-28`. */
export function lastDayOf(month: IsoMonth): IsoDate {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** `2027-11` + 3 = `2028-02`; a negative count goes back. */
export function addMonths(month: IsoMonth, count: number): IsoMonth {
  const index = monthIndex(month) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from one month to another: `2027-01` to `2027-07` is 6. */
export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  return monthIndex(to) - monthIndex(from);
}

function monthIndex(month: IsoMonth): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
