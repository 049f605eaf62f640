import type { Caller } from '../access/roles';
import { SYSTEM_CALLER } from '../access/system-caller';
import { ConflictError, ForbiddenError } from '../errors';
import type { ProposalRecord } from './proposal-record';

/**
 * Public money moves on two people's word. An admin's proposal has them already: the admin who
 * requested it and the finance officer who decides it, never the same user. A proposal the system
 * requested (a renewal) has nobody behind it, so one finance officer reviews it and another
 * approves it. Rejecting it or sending it back needs no review: that spends no money, and the
 * proposal can be renewed again.
 */
export function needsReview(record: Pick<ProposalRecord, 'requestedByUserId'>): boolean {
  return record.requestedByUserId === SYSTEM_CALLER.userId;
}

/** Refuses an approval of a system-requested proposal that no other finance officer has reviewed. */
export function requireReviewByAnother(record: ProposalRecord, caller: Caller): void {
  if (!needsReview(record)) return;
  if (!record.review) {
    throw new ConflictError(
      `Proposal ${record.proposalId} was requested by the system, so it takes two finance officers: one reviews it (\`npx lindung budget review ${record.proposalId}\`, POST /proposals/${record.proposalId}/review), then another approves it. Ask another finance officer to review it first.`,
    );
  }
  if (record.reviewedByUserId === caller.userId) {
    throw new ForbiddenError(`${caller.username} reviewed proposal ${record.proposalId} and cannot also approve it: another finance officer must.`);
  }
}
