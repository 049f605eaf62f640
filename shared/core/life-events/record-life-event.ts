import type { z } from 'zod';
import type { LifeEvent, RecordLifeEventRequest } from './life-event';
import { auditEvent } from '../audit/audit-event';
import type { RegionDirectory } from '../access/region-directory';
import { requireReach } from '../access/require-reach';
import type { Caller } from '../access/roles';
import type { ProposalStore } from '../budget/proposal-store';
import { jakartaDate } from '../calendar/jakarta-date';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { maskNik } from '../people/personal-data';
import { formatRupiah } from '../money/rupiah';
import { lastBilledMonth } from '../enrollment/billed-months';
import { type CoverChanges, coverChanges } from './cover-changes';
import type { LifeEventStore } from './life-event-store';

/**
 * Records a death or a removal from a segment, with its effective date. It ends the roster entry
 * of the effective date's year (or, for someone whose cover has not started yet, of the next
 * year): cover ends on the date of death, or the day before a removal takes effect, and the
 * person is not renewed (verify-person.ts). The premiums of the months after cover ends go back to
 * the proposal that committed them, and a next year's roster entry the event ends is removed
 * (cover-changes.ts), all with the event. Recording the same event again changes nothing.
 */
export async function recordLifeEvent(
  stores: { lifeEvents: LifeEventStore; proposals: Pick<ProposalStore, 'get'>; regions: Pick<RegionDirectory, 'jurisdictionOf'> },
  request: z.output<typeof RecordLifeEventRequest>,
  caller: Caller,
  now: Date,
): Promise<LifeEvent> {
  const masked = maskNik(request.nik);
  const today = jakartaDate(now);
  if (request.kind === 'death' && request.effectiveDate > today) {
    throw new InvalidInputError('A death is recorded once it has happened', [{ path: 'effectiveDate', message: `must not be after today (${today})` }]);
  }
  const year = Number(request.effectiveDate.slice(0, 4));
  const store = stores.lifeEvents;
  const entry = (await store.rosterEntry(request.nik, year)) ?? (await store.rosterEntry(request.nik, year + 1));
  const onNoRoster = () => new NotFoundError(`NIK ${masked} is on no roster for ${year} or ${year + 1}, so there is no cover to end. Check the NIK.`);
  if (!entry) throw onNoRoster();
  // Another region's roster is no roster to this caller: the NIK's cover elsewhere must not show.
  requireReach(caller, await stores.regions.jurisdictionOf(entry.regulationId), 'change', onNoRoster);
  const event: LifeEvent = {
    nik: request.nik,
    kind: request.kind,
    effectiveDate: request.effectiveDate,
    ...(request.note ? { note: request.note } : {}),
    regulationId: entry.regulationId,
    segment: entry.segment,
    year: entry.year,
    coverEnds: request.kind === 'death' ? request.effectiveDate : dayBefore(request.effectiveDate),
    recordedBy: caller.username,
    recordedAt: now.toISOString(),
  };
  const existing = (await store.ofPerson(request.nik)).find((e) => e.kind === request.kind && (e.kind === 'death' || e.year === entry.year));
  if (existing) return sameEvent(existing, event, masked);

  const changes = await coverChanges(stores, event);
  const stored = await store.record(
    event,
    auditEvent({
      caller,
      at: now,
      action: `life-event.${request.kind}`,
      entityType: 'regulation',
      entityId: entry.regulationId,
      summary:
        (request.kind === 'death'
          ? `Recorded the death of NIK ${masked} (${entry.segment}) on ${event.effectiveDate}: cover ends that day and is not renewed`
          : `Recorded the removal of NIK ${masked} from ${entry.segment} from ${event.effectiveDate}: cover ends ${event.coverEnds} and is not renewed`) +
        describeChanges(changes),
      changes: changes.ends.flatMap(({ entry: cover, coverageEnd, released }) => [
        { path: `cover.${cover.year}.coverageEnd`, before: cover.coverageEnd, after: coverageEnd },
        { path: `cover.${cover.year}.released`, before: cover.released ?? 0, after: released },
      ]),
    }),
    changes,
  );
  if (!stored) {
    const raced = (await store.ofPerson(request.nik)).find((e) => e.kind === request.kind && (e.kind === 'death' || e.year === entry.year));
    return sameEvent(raced!, event, masked);
  }
  return event;
}

/** The same event recorded again is harmless; a different one for the same slot is a conflict. */
function sameEvent(existing: LifeEvent, requested: LifeEvent, masked: string): LifeEvent {
  if (existing.effectiveDate === requested.effectiveDate) return existing;
  throw new ConflictError(
    `A ${existing.kind} of NIK ${masked} was already recorded with effective date ${existing.effectiveDate} (by ${existing.recordedBy}). ` +
      'A recorded life event is not changed; ask an auditor to review it.',
  );
}

/** The money given back and the next year's entry removed, in words, for the audit trail. */
function describeChanges({ ends, dropped }: CoverChanges): string {
  const released = ends
    .filter((end) => end.releasedNow > 0)
    .map((end) => `; ${formatRupiah(end.releasedNow)} of ${end.entry.year} premiums after ${lastBilledMonth(end.coverageEnd)} released back to proposal ${end.entry.proposalId}`);
  return released.join('') + (dropped ? `; removed from the ${dropped.year} roster of ${dropped.regulationId} (${dropped.segment})` : '');
}

function dayBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}
