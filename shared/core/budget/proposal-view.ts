import type { Proposal } from './proposal';
import type { CurrentVersions } from './current-versions';
import type { ProposalRecord } from './proposal-record';
import { staleBecause } from './proposal-staleness';
import { needsReview } from './separation-of-duties';

/**
 * The proposal as people see it today: expired if undecided past its decide-by date (in
 * Jakarta), and stale, saying why, if it no longer matches what would be funded
 * (proposal-staleness.ts).
 */
export function proposalView(record: ProposalRecord, current: CurrentVersions, today: string): Proposal {
  const { requestedByUserId: _user, decidedByUserId: _decider, reviewedByUserId: _reviewer, regulationVersion: _version, executionArn: _arn, ...proposal } = record;
  const reasons = staleBecause(record, current);
  const expired = record.status === 'pending-decision' && today > record.decideBy;
  return {
    ...proposal,
    status: expired ? 'expired' : record.status,
    ...(needsReview(record) ? { reviewRequired: true } : {}),
    stale: reasons.length > 0,
    ...(reasons.length > 0 ? { staleBecause: reasons } : {}),
  };
}
