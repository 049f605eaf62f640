import type { z } from 'zod';
import type { MonthPremium } from '../budget/proposal';
import type { IsoDate, IsoMonth } from '../calendar/calendar';

/**
 * BPJS Ketenagakerjaan bills by month: the month in which cover ends is billed in full, the whole
 * months after it are not. A death on 14 March is billed through March; April to December are not.
 */
export function lastBilledMonth(coverEnds: IsoDate): IsoMonth {
  return coverEnds.slice(0, 7);
}

/**
 * What ending cover on `coverEnds` gives back of one person's premiums (`monthlyPremiums`, the
 * months the cover was bought for): the premiums of the months after the last billed one. Cover
 * that ends before its first month (a death before a renewed year starts) gives back all of it.
 */
export function releasedPremiums(monthlyPremiums: readonly z.infer<typeof MonthPremium>[], coverEnds: IsoDate): number {
  const last = lastBilledMonth(coverEnds);
  return monthlyPremiums.filter(({ month }) => month > last).reduce((sum, { premium }) => sum + premium, 0);
}
