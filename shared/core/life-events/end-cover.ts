import type { z } from 'zod';
import type { MonthPremium } from '../budget/proposal';
import type { LifeEvent } from './life-event';
import type { IsoDate } from '../calendar/calendar';
import { releasedPremiums } from '../enrollment/billed-months';
import type { CoveredEntry } from '../renewal/cover-ledger';

/** A life event's end of one enrolled person's cover, and the money it gives back. */
export interface CoverEnd {
  /** The entry as read: the end is written only if it is still so, so no release counts twice. */
  readonly entry: CoveredEntry;
  readonly coverageEnd: IsoDate;
  readonly endReason: 'deceased' | 'removed';
  /** The premiums of the months no longer covered, for the whole entry (what it records). */
  readonly released: number;
  /** What this end gives back to the proposal: `released` less what an earlier end gave back. */
  readonly releasedNow: number;
}

/**
 * Ends an enrolled person's cover on the event's `coverEnds`, if that is earlier than it ends now
 * (an end only moves earlier: a death after a removal changes nothing). `monthlyPremiums` are the
 * premiums the entry's cover was bought for, month by month (its proposal's segment).
 */
export function endCover(entry: CoveredEntry | undefined, event: LifeEvent, monthlyPremiums: readonly z.infer<typeof MonthPremium>[]): CoverEnd | undefined {
  if (entry?.status !== 'enrolled') return undefined;
  if (entry.coverageEnd !== undefined && entry.coverageEnd <= event.coverEnds) return undefined;
  const released = releasedPremiums(monthlyPremiums, event.coverEnds);
  return {
    entry,
    coverageEnd: event.coverEnds,
    endReason: event.kind === 'death' ? 'deceased' : 'removed',
    released,
    releasedNow: released - (entry.released ?? 0),
  };
}
