import type { Caller } from '../access/roles';
import { SYSTEM_CALLER } from '../access/system-caller';
import { ConflictError, ForbiddenError } from '../errors';
import type { ProposalRecord } from './proposal-record';

/**
 * Public money moves on two people's word, and each step on it is taken by someone other than
 * whoever took the step before:
 * - whoever requested a proposal neither decides it nor withdraws its decision;
 * - whoever decided it neither withdraws that decision nor starts its enrollment run;
 * - a proposal the system requested (a renewal) has nobody behind it, so one finance officer
 *   reviews it and another approves it. Rejecting it or sending it back needs no review: that
 *   spends no money, and the proposal can be renewed again.
 */
export function requireNotRequester(record: Pick<ProposalRecord, 'proposalId' | 'requestedByUserId'>, caller: Caller, act: string): void {
  if (record.requestedByUserId === caller.userId) {
    throw new ForbiddenError(`${caller.username} requested proposal ${record.proposalId} and cannot ${act}: another finance officer must.`);
  }
}

/** Refuses the one who decided a proposal the next step on it; `who` names who must take it instead. */
export function requireNotDecider(record: Pick<ProposalRecord, 'proposalId' | 'decidedByUserId'>, caller: Caller, act: string, who: string): void {
  if (record.decidedByUserId === caller.userId) {
    throw new ForbiddenError(`${caller.username} decided proposal ${record.proposalId} and cannot ${act}: ${who} must.`);
  }
}

/** A proposal the system requested needs a review by one finance officer before another approves it. */
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
