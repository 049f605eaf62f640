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
