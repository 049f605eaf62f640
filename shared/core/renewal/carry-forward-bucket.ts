import type { LifeEventStore } from '../life-events/life-event-store';
import type { Regulation } from '../regulation/regulation';
import type { RosterEntry } from '../roster/roster-entry';
import type { RosterLedger } from '../roster/roster-ledger';
import { type BucketDiff, emptyBucketDiff, tally } from './bucket-diff';
import type { DiffPerson } from './diff-person';
import type { RenewalStore } from './renewal-store';
import { type RenewalContext, verifyPerson } from './verify-person';

/** What carrying a bucket forward reads and writes: the roster under the bucket's lease, the bucket's life events, the renewal's listed people. */
export interface CarryForwardPorts {
  roster: Pick<RosterLedger, 'bucketPages' | 'entries' | 'writeRenewed' | 'refreshBucketViews' | 'markBucketViewsStale'>;
  lifeEvents: Pick<LifeEventStore, 'ofBucket'>;
  renewals: Pick<RenewalStore, 'writeDiffPeople'>;
}

export interface CarryForwardContext {
  regulation: Regulation;
  /** The year renewed into. */
  year: number;
  attempt: number;
  bucket: number;
  /** The renewal's lease holder, also the importId of the entries it carries. */
  holder: string;
  now: Date;
}

/**
 * Carries one NIK bucket of last year's roster into the new year, a page at a time (memory stays
 * flat for a roster of a million), while holding the bucket's lease that roster imports and
 * enrollment runs also take, so no one else writes these people meanwhile. Then lists the
 * bucket's joiners: people imported for the new year who were not on last year's roster.
 *
 * Re-running it (a retry, a resume, a second attempt) reaches the same entries and the same diff:
 * entries it carried before read as unchanged, and the diff is counted again from scratch.
 */
export async function carryForwardBucket(ports: CarryForwardPorts, context: CarryForwardContext): Promise<BucketDiff> {
  const { roster } = ports;
  const { regulation, year, bucket, holder } = context;
  const diff = emptyBucketDiff();
  const verification: RenewalContext = { regulationId: regulation.id, year, segments: new Map(regulation.segments.map((s) => [s.code, s])) };
  const where = { regulationId: regulation.id, year, attempt: context.attempt, bucket };
  const events = await ports.lifeEvents.ofBucket(regulation.id, bucket);
  // Before the first write: a shard that stops part-way leaves the bucket read from its entries.
  await roster.markBucketViewsStale(regulation.id, year, bucket);

  for await (const page of roster.bucketPages(regulation.id, year - 1, bucket)) {
    const next = await roster.entries(year, page.map((entry) => entry.nik));
    const carried: RosterEntry[] = [];
    const dropped: RosterEntry[] = [];
    const people: DiffPerson[] = [];
    for (const previous of page) {
      const existing = next.get(previous.nik);
      const verdict = verifyPerson(previous, existing, events.get(previous.nik) ?? [], verification);
      const person = { nik: previous.nik, name: previous.name, segment: previous.segment };
      if (verdict.kind === 'leave') {
        tally(diff, previous.segment, 'leavers', verdict.reason);
        people.push({ kind: 'leavers', ...person, reason: verdict.reason, ...(verdict.date ? { date: verdict.date } : {}) });
        if (verdict.dropNext && existing) dropped.push(existing);
        continue;
      }
      tally(diff, previous.segment, 'unchanged');
      if (verdict.agingOutOn) {
        tally(diff, previous.segment, 'agingOut');
        people.push({ kind: 'aging-out', ...person, date: verdict.agingOutOn });
      }
      if (verdict.kind === 'carry') carried.push(carriedEntry(previous, context));
    }
    await roster.writeRenewed({ carried, dropped }, holder);
    await ports.renewals.writeDiffPeople(where, people);
  }

  for await (const page of roster.bucketPages(regulation.id, year, bucket)) {
    const imported = page.filter((entry) => entry.importId !== holder);
    if (imported.length === 0) continue;
    const previous = await roster.entries(year - 1, imported.map((entry) => entry.nik));
    const people: DiffPerson[] = [];
    for (const entry of imported) {
      if (previous.get(entry.nik)?.regulationId === regulation.id) continue; // counted above as unchanged
      tally(diff, entry.segment, 'joiners');
      people.push({ kind: 'joiners', nik: entry.nik, name: entry.name, segment: entry.segment });
    }
    if (people.length > 0) await ports.renewals.writeDiffPeople(where, people);
  }
  // Still under the lease: the new year's ages and packed people, which simulations read, follow what was carried.
  await roster.refreshBucketViews(regulation.id, year, bucket);
  return diff;
}

/** Last year's entry as the new year's: same person and segment, written by the renewal. */
function carriedEntry(previous: RosterEntry, context: CarryForwardContext): RosterEntry {
  const { previousSegment: _previousSegment, sameAsBefore: _sameAsBefore, ...person } = previous;
  const segment = context.regulation.segments.find((s) => s.code === previous.segment)!;
  return { ...person, year: context.year, priority: segment.priority, importId: context.holder, updatedAt: context.now.toISOString() };
}
