import { type IsoMonth, lastDayOf } from '../calendar/calendar';
import { InvalidInputError } from '../errors';
import type { RegulationInput } from './regulation';

type Dates = Pick<RegulationInput, 'id' | 'effectiveFrom' | 'effectiveTo'>;

/**
 * A regulation pays premiums only for months it is in force for the whole of: public money needs
 * a legal basis for every day it covers, and BPJS Ketenagakerjaan bills by the month, so a month
 * the regulation starts or ends in part is neither funded nor covered. This file is the one home
 * of that rule; imports, proposals, enrollment, renewal and amendments ask it.
 */
export function monthsInForce(regulation: Dates, months: readonly IsoMonth[]): IsoMonth[] {
  return months.filter((month) => regulation.effectiveFrom <= `${month}-01` && (!regulation.effectiveTo || lastDayOf(month) <= regulation.effectiveTo));
}

/** The months in force, refused when there are none, with the dates that apply. */
export function requireMonthsInForce(regulation: Dates, months: readonly IsoMonth[], what: string, path: string): IsoMonth[] {
  const inForce = monthsInForce(regulation, months);
  if (inForce.length === 0) {
    throw new InvalidInputError(`${regulation.id} is ${inForceText(regulation)}: ${what} (${months[0]} to ${months.at(-1)}) is outside it`, [
      { path, message: `must fall within ${regulation.id}'s effective dates (${inForceText(regulation)}); amend the regulation first if they changed` },
    ]);
  }
  return inForce;
}

/** `in force from 2019-01-01 to 2026-06-30`, or `in force from 2019-01-01, with no end date`. */
export function inForceText(regulation: Pick<Dates, 'effectiveFrom' | 'effectiveTo'>): string {
  return `in force from ${regulation.effectiveFrom}${regulation.effectiveTo ? ` to ${regulation.effectiveTo}` : ', with no end date'}`;
}
