import type { Proposal } from './proposal';
import type { ProposalRecord } from './proposal-record';
import { needsReview } from './two-person-approval';

export interface CurrentVersions {
  regulationVersion: number;
  rosterVersion: number;
  rateScheduleVersion: string;
}

/**
 * The proposal as people see it today: expired if undecided past its decide-by date (in
 * Jakarta), and stale if the regulation, roster or rates changed since its snapshot. A stale
 * proposal says why, and cannot be decided or feed an enrollment run until it is proposed again.
 */
export function proposalView(record: ProposalRecord, current: CurrentVersions, today: string): Proposal {
  const { requestedByUserId: _user, decidedByUserId: _decider, reviewedByUserId: _reviewer, regulationVersion: _version, executionArn: _arn, ...proposal } = record;
  const staleBecause: string[] = [];
  const snapshot = record.snapshot;
  if (snapshot) {
    if (snapshot.rosterVersion !== current.rosterVersion) staleBecause.push(`the roster changed (version ${snapshot.rosterVersion} → ${current.rosterVersion})`);
    if (snapshot.rateScheduleVersion !== current.rateScheduleVersion) staleBecause.push(`the rates changed (${snapshot.rateScheduleVersion} → ${current.rateScheduleVersion})`);
    if (snapshot.regulationVersion !== current.regulationVersion) staleBecause.push(`the regulation was amended (version ${snapshot.regulationVersion} → ${current.regulationVersion})`);
  }
  const expired = record.status === 'pending-decision' && today > record.decideBy;
  return {
    ...proposal,
    status: expired ? 'expired' : record.status,
    ...(needsReview(record) ? { reviewRequired: true } : {}),
    stale: staleBecause.length > 0,
    ...(staleBecause.length > 0 ? { staleBecause } : {}),
  };
}

/** Today's date in Asia/Jakarta (UTC+7, no daylight saving), where budget deadlines fall. */
export function jakartaDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
