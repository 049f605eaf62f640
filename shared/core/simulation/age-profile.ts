import { addMonths, monthsBetween, type IsoDate, type IsoMonth } from '../calendar/calendar';

/**
 * How many people of each segment grow a year older on the 1st of which month: per segment, a
 * count per month ("YYYY-MM" of the birthday the person's age first counts from, see
 * `ageMonthOf`). It is all a simulation needs to know of a roster's people to tell who is within
 * an age window on any month's 1st, who ages out in a year, and who is left in five years; the
 * people themselves stay where they are.
 */
export type AgeProfile = Readonly<Record<string, Readonly<Record<IsoMonth, number>>>>;

/**
 * The month from whose 1st day a person counts one year older in that month every year: the
 * birth month for someone born on the 1st, the next month otherwise (age is counted in whole
 * years, as `ageOn` does, and cohorts and renewals count it on a month's 1st). So ages on the 1st
 * of any month follow from the month alone: see `ageOnFirstOf`.
 */
export function ageMonthOf(birthDate: IsoDate): IsoMonth {
  const month = birthDate.slice(0, 7);
  return birthDate.endsWith('-01') ? month : addMonths(month, 1);
}

/** Whole years on the 1st of `month` of a person whose age counts from `ageMonth` (`ageMonthOf`). */
export function ageOnFirstOf(ageMonth: IsoMonth, month: IsoMonth): number {
  return Math.floor(monthsBetween(ageMonth, month) / 12);
}

/** People of a profile's segment whose age on the 1st of `month` is within the window, both ends inclusive. */
export function withinWindowOn(counts: Readonly<Record<IsoMonth, number>>, window: { minAge: number; maxAge: number }, month: IsoMonth): number {
  let people = 0;
  for (const [ageMonth, count] of Object.entries(counts)) {
    const age = ageOnFirstOf(ageMonth, month);
    if (age >= window.minAge && age <= window.maxAge) people += count;
  }
  return people;
}

/**
 * People of a profile's segment who pass the window's upper age within the months given: per
 * month, those whose age on its 1st is first above `maxAge`. They keep the cover they have; the
 * renewal on 1 January leaves them out.
 */
export function agingOutIn(counts: Readonly<Record<IsoMonth, number>>, maxAge: number, months: readonly IsoMonth[]): Record<IsoMonth, number> {
  const result: Record<IsoMonth, number> = {};
  for (const month of months) {
    const people = counts[addMonths(month, -12 * (maxAge + 1))] ?? 0;
    if (people > 0) result[month] = people;
  }
  return result;
}

/** Adds one person (by birth date) to a profile being built. */
export function countInProfile(profile: Record<string, Record<IsoMonth, number>>, segment: string, birthDate: IsoDate): void {
  const counts = (profile[segment] ??= {});
  const month = ageMonthOf(birthDate);
  counts[month] = (counts[month] ?? 0) + 1;
}
