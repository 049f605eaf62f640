import type { LifeEvent } from './life-event';
import type { ProposalStore } from '../budget/proposal-store';
import type { RosterEntry } from '../roster/roster-entry';
import { endsCoverBy } from './ends-cover';
import { type CoverEnd, endCover } from './end-cover';
import type { LifeEventStore } from './life-event-store';

/** What recording a life event changes besides the event itself. */
export interface CoverChanges {
  /** Enrolled cover it ends: that of the event's year, and that of the next year if the person was enrolled into it. */
  readonly ends: readonly CoverEnd[];
  /** The next year's roster entry a renewal (or an import) made before the event was recorded, which it removes. */
  readonly dropped?: RosterEntry;
}

/**
 * The cover an event ends: the person's enrolled cover of the event's year, and, when the person
 * is already on the next year's roster (the renewal carried them, or they were imported) in a
 * way the event ends (verify-person.ts decides the same for a renewal run after it), that entry
 * and any cover enrolled for it too.
 */
export async function coverChanges(stores: { lifeEvents: LifeEventStore; proposals: Pick<ProposalStore, 'get'> }, event: LifeEvent): Promise<CoverChanges> {
  const next = await stores.lifeEvents.rosterEntry(event.nik, event.year + 1);
  const dropped = next && endsCoverBy(event, next.regulationId, next.year) ? next : undefined;
  const years = dropped ? [event.year, event.year + 1] : [event.year];
  const ends: CoverEnd[] = [];
  for (const year of years) {
    const cover = await stores.lifeEvents.cover(event.nik, year);
    if (cover?.status !== 'enrolled') continue;
    const proposal = await stores.proposals.get(cover.proposalId);
    const segment = proposal?.segments.find((s) => s.segment === cover.segment);
    if (!segment) throw new Error(`Proposal ${cover.proposalId} that enrolled a ${year} cover has no segment ${cover.segment}`);
    const end = endCover(cover, event, segment.monthlyPremiums);
    if (end) ends.push(end);
  }
  return { ends, ...(dropped ? { dropped } : {}) };
}
