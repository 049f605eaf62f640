import { z } from 'zod';
import { IsoMonth } from '../../calendar/calendar';

/**
 * The months a rate or discount is in force: from `validFrom` through `validTo`, both inclusive.
 * No `validTo` means open-ended, until a later regulation closes it. Months are compared as
 * `YYYY-MM` strings, which sort chronologically.
 */
export const ValidityPeriod = z.object({
  validFrom: IsoMonth,
  validTo: IsoMonth.optional(),
});
export type ValidityPeriod = z.infer<typeof ValidityPeriod>;

export function isInForce(period: ValidityPeriod, month: IsoMonth): boolean {
  return period.validFrom <= month && (period.validTo === undefined || month <= period.validTo);
}

export function periodsOverlap(a: ValidityPeriod, b: ValidityPeriod): boolean {
  const aEndsBeforeB = a.validTo !== undefined && a.validTo < b.validFrom;
  const bEndsBeforeA = b.validTo !== undefined && b.validTo < a.validFrom;
  return !aEndsBeforeB && !bEndsBeforeA;
}

export function describePeriod(period: ValidityPeriod): string {
  return `${period.validFrom}..${period.validTo ?? 'open'}`;
}
