import { z } from 'zod';
import termsJson from './remittance-terms.json';
import { IsoDate, type IsoMonth } from '../calendar/calendar';
import { isInForce, periodsOverlap, ValidityPeriod } from '../money/rates/validity-period';

/**
 * When a month's iuran is due and how long arrears may run before cover is lost: effective-dated
 * data (remittance-terms.json), like the rates, because BPJS Ketenagakerjaan may change them.
 * `nonWorkingDays` are the national holidays that move a due date; weekends always do. Holidays
 * that follow the lunar calendar are set each year by a joint ministerial decree (SKB): an office
 * adds them to the file when the decree is out.
 */
export const RemittanceTerm = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  source: z.string().min(1),
  ...ValidityPeriod.shape,
  /** The day of the month covered by which the iuran is due. */
  dueDay: z.number().int().min(1).max(28),
  /** Consecutive unpaid months after which the people are at risk (a claim may not be served). */
  atRiskAfterUnpaidMonths: z.number().int().positive(),
  /** Consecutive unpaid months after which membership and protection become inactive. */
  inactiveAfterUnpaidMonths: z.number().int().positive(),
  note: z.string().optional(),
}).refine((t) => t.atRiskAfterUnpaidMonths < t.inactiveAfterUnpaidMonths, { message: 'at risk must come before inactive', path: ['atRiskAfterUnpaidMonths'] });
export type RemittanceTerm = z.infer<typeof RemittanceTerm>;

const RemittanceTerms = z.strictObject({
  terms: z.array(RemittanceTerm).nonempty(),
  nonWorkingDays: z.array(z.strictObject({ date: IsoDate, name: z.string().min(1) })),
}).superRefine((file, ctx) => {
  file.terms.forEach((a, i) => file.terms.slice(i + 1).forEach((b) => {
    if (periodsOverlap(a, b)) ctx.addIssue({ code: 'custom', path: ['terms', i], message: `${a.id} overlaps ${b.id}` });
  }));
});

const terms = RemittanceTerms.parse(termsJson);
const nonWorkingDays = new Set(terms.nonWorkingDays.map((day) => day.date));

/** The terms in force for a month of cover. */
export function remittanceTermFor(month: IsoMonth): RemittanceTerm {
  const term = terms.terms.find((t) => isInForce(t, month));
  if (!term) throw new Error(`No remittance terms are in force for ${month}: add them to shared/core/remittance/remittance-terms.json.`);
  return term;
}

/** Whether offices and banks work on a date (no weekend, no national holiday). */
export function isWorkingDay(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !nonWorkingDays.has(date);
}
