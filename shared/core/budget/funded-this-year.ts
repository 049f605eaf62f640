import type { SegmentAllocation } from './proposal';
import type { EnrollmentEntry } from '../enrollment/enrollment-entry';
import type { RunRecord } from '../enrollment/run-record';
import { isFunded } from './funded-by-allocation';
import type { ProposalRecord } from './proposal-record';
import type { CurrentVersions } from './current-versions';
import { isStale } from './proposal-staleness';

/**
 * "Funded this year" is a fact about a person (NIK and coverage year), not about a segment: one
 * premium per person per year, whichever segment or cohort (original APBD, APBD-Perubahan,
 * renewal) they are listed under. This file is its one home; proposal computation, ceiling
 * allocation and enrollment all ask it.
 *
 * A person is funded this year when
 * - their enrollment entry for the year says enrolled (by whichever proposal and segment), or
 * - a pending cohort funds them: an approved proposal of the regulation and year that has not
 *   settled who it funds yet (its run is under way, or it can still start one), in the segment
 *   the person is listed under now.
 * A cohort whose run has finished funds exactly the people it enrolled; an approved proposal that
 * went stale before its run started can never be enrolled, so it funds nobody.
 */

/** Who funds a person this year, and under which segment. */
export interface Funder {
  proposalId: string;
  segment: string;
}

/** An approved cohort that still funds by its allocation, not yet by ledger entries. */
export interface PendingCohort {
  proposalId: string;
  requestedAt: string;
  allocation: readonly Pick<SegmentAllocation, 'segment' | 'funded' | 'unfunded' | 'lastFundedNik'>[];
}

/** Whether the ledger already holds the person's cover for the year: then nobody pays for it again. */
export function coveredByEntry(entry: EnrollmentEntry | undefined): boolean {
  return entry?.status === 'enrolled';
}

/** Who funds this person of the roster this year, if anyone (see the rule above). */
export function funderOf(
  person: { nik: string; segment: string },
  entry: EnrollmentEntry | undefined,
  pending: readonly PendingCohort[],
): Funder | undefined {
  if (coveredByEntry(entry)) return { proposalId: entry!.proposalId, segment: entry!.segment };
  for (const cohort of pending) {
    const allocation = cohort.allocation.find((a) => a.segment === person.segment);
    if (allocation && isFunded(allocation, person.nik)) return { proposalId: cohort.proposalId, segment: person.segment };
  }
  return undefined;
}

/**
 * The regulation's pending cohorts of the year, oldest first, other than `except`: approved, and
 * either with a run that has not finished or, with no run yet, not stale (so it can still be
 * enrolled). `runs` holds the runs of the regulation, by proposal id.
 */
export function pendingCohorts(
  proposals: readonly ProposalRecord[],
  runs: ReadonlyMap<string, Pick<RunRecord, 'status'>>,
  current: CurrentVersions,
  scope: { regulationId: string; year: number; except?: string },
): PendingCohort[] {
  return proposals
    .filter((p) => p.regulationId === scope.regulationId && p.year === scope.year && p.proposalId !== scope.except && p.status === 'approved' && p.allocation)
    .filter((p) => {
      const run = runs.get(p.proposalId);
      if (run) return run.status === 'running' || run.status === 'failed';
      return !isStale(p, current);
    })
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
    .map((p) => ({ proposalId: p.proposalId, requestedAt: p.requestedAt, allocation: p.allocation! }));
}
