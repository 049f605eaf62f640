import { forEachConcurrently } from '../../lib/for-each-concurrently';
import type { EnrollmentLedger } from '../enrollment/enrollment-ledger';
import { ALL_NIK_BUCKETS } from '../people/nik-bucket';
import { type Funder, type PendingCohort, funderOf } from './funded-this-year';
import type { RosterLedger } from '../roster/roster-ledger';
import type { RosterMember } from '../roster/roster-member';

export interface RosterFundingDependencies {
  roster: Pick<RosterLedger, 'segmentPeople'>;
  ledger: Pick<EnrollmentLedger, 'entries'>;
}

/** People of a segment already funded this year, and under which segment those who moved were funded. */
export interface SegmentAlreadyFunded {
  alreadyFunded: number;
  movedFrom: Record<string, number>;
}

/** People looked up per roster read and ledger batch: memory holds one page per bucket in flight. */
const PAGE_SIZE = 500;
const BUCKETS_IN_FLIGHT = 4;

/**
 * One segment's people in one NIK bucket, a page at a time in NIK order, each with who funds
 * them this year (funded-this-year.ts), from the roster and the enrollment ledger.
 */
export async function* segmentFunding(
  deps: RosterFundingDependencies,
  scope: { regulationId: string; year: number; segment: string; bucket: number },
  pending: readonly PendingCohort[],
): AsyncGenerator<{ person: RosterMember; funder: Funder | undefined }[]> {
  let after: string | undefined;
  for (;;) {
    const { people, more } = await deps.roster.segmentPeople(scope.regulationId, scope.year, scope.segment, scope.bucket, after, PAGE_SIZE);
    if (people.length === 0) return;
    const entries = await deps.ledger.entries(scope.year, people.map((person) => person.nik));
    yield people.map((person) => ({ person, funder: funderOf({ nik: person.nik, segment: scope.segment }, entries.get(person.nik), pending) }));
    if (!more) return;
    after = people.at(-1)!.nik;
  }
}

/**
 * The NIKs of a segment in one bucket, ascending, that nobody funds this year yet, given the
 * year's funding context (funding-context.ts). Before anyone of the year can be funded, that is
 * every NIK of the segment: read without looking anyone up.
 */
export async function* unfundedNiks(
  deps: RosterFundingDependencies & { roster: Pick<RosterLedger, 'segmentNiks'> },
  scope: { regulationId: string; year: number; segment: string; bucket: number },
  funding: { pending: readonly PendingCohort[]; lookUpPeople: boolean },
): AsyncGenerator<string> {
  if (!funding.lookUpPeople) {
    yield* deps.roster.segmentNiks(scope.regulationId, scope.year, scope.segment, scope.bucket);
    return;
  }
  for await (const page of segmentFunding(deps, scope, funding.pending)) {
    for (const { person, funder } of page) if (!funder) yield person.nik;
  }
}

/**
 * Per segment of the roster: how many of the people listed under it are funded this year
 * already. Streams the roster bucket by bucket, so memory stays flat however large it is.
 */
export async function alreadyFundedOnRoster(
  deps: RosterFundingDependencies,
  scope: { regulationId: string; year: number; segments: readonly string[] },
  pending: readonly PendingCohort[],
): Promise<Record<string, SegmentAlreadyFunded>> {
  const counts: Record<string, SegmentAlreadyFunded> = Object.fromEntries(scope.segments.map((segment) => [segment, { alreadyFunded: 0, movedFrom: {} }]));
  await forEachConcurrently(ALL_NIK_BUCKETS, BUCKETS_IN_FLIGHT, async (bucket) => {
    for (const segment of scope.segments) {
      const count = counts[segment]!;
      for await (const page of segmentFunding(deps, { regulationId: scope.regulationId, year: scope.year, segment, bucket }, pending)) {
        for (const { funder } of page) {
          if (!funder) continue;
          count.alreadyFunded++;
          if (funder.segment !== segment) count.movedFrom[funder.segment] = (count.movedFrom[funder.segment] ?? 0) + 1;
        }
      }
    }
  });
  return counts;
}
