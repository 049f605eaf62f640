import type { IsoMonth } from '../calendar/calendar';
import { lastBilledMonth } from '../enrollment/billed-months';
import type { CoveredEntry } from '../renewal/cover-ledger';

/** What the ledger says of one enrolled person for one month of cover. */
export type MonthCover =
  | { readonly kind: 'covered'; readonly premium: number }
  /** A death or removal ended the cover before the month. */
  | { readonly kind: 'ended'; readonly endReason: 'deceased' | 'removed'; readonly lastBilledMonth: IsoMonth }
  /** The month is outside the period the cover was bought for. */
  | { readonly kind: 'outside' };

/** The premium an entry's proposal set for its segment and a month; undefined when it bought no cover that month. */
export type PremiumOf = (entry: CoveredEntry, month: IsoMonth) => number | undefined;

/**
 * Whether the insurer may bill a person for a month, and how much: cover runs from the month of
 * `coverageStart` through the last billed month of `coverageEnd` (billed-months.ts), which a life
 * event moves earlier; the premium is the one the person's proposal bought for that month.
 */
export function monthCover(entry: CoveredEntry, month: IsoMonth, premiumOf: PremiumOf): MonthCover {
  if (entry.status !== 'enrolled' || !entry.coverageStart || !entry.coverageEnd) return { kind: 'outside' };
  const last = lastBilledMonth(entry.coverageEnd);
  if (month < entry.coverageStart.slice(0, 7)) return { kind: 'outside' };
  if (month > last) return entry.endReason ? { kind: 'ended', endReason: entry.endReason, lastBilledMonth: last } : { kind: 'outside' };
  const premium = premiumOf(entry, month);
  return premium === undefined ? { kind: 'outside' } : { kind: 'covered', premium };
}
