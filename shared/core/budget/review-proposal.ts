import type { z } from 'zod';
import type { ReviewRequest } from './budget-requests';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import { ConflictError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import type { ProposalRecord } from './proposal-record';
import type { ProposalStore } from './proposal-store';
import type { CurrentVersions } from './current-versions';
import { proposalView } from './proposal-view';
import { needsReview } from './separation-of-duties';
import { formatCount } from '../people/people-count';

/**
 * Records a finance officer's review of a proposal the system requested: the first of the two
 * officers its approval takes (separation-of-duties.ts). Bound to the snapshot it was made on, like
 * a decision; the proposal still waits for a decision, which the reviewer may not make an approval.
 */
export async function reviewProposal(
  store: ProposalStore,
  record: ProposalRecord,
  request: z.output<typeof ReviewRequest>,
  caller: Caller,
  context: { now: Date; today: string; current: CurrentVersions },
): Promise<ProposalRecord> {
  const { proposalId } = record;
  if (!needsReview(record)) {
    throw new ConflictError(`Proposal ${proposalId} was requested by ${record.requestedBy}, who is the second person already: it needs no review. Decide it.`);
  }
  const view = proposalView(record, context.current, context.today);
  if (view.status !== 'pending-decision') {
    throw new ConflictError(`Proposal ${proposalId} is ${view.status}, not waiting for a decision: there is nothing to review.`);
  }
  if (view.stale) {
    throw new ConflictError(`Proposal ${proposalId} is stale: ${view.staleBecause!.join('; ')}. Renew again (npx lindung renewal start) and review the new proposal.`);
  }
  if (record.review) {
    throw new ConflictError(`Proposal ${proposalId} was already reviewed by ${record.review.reviewedBy} at ${record.review.reviewedAt}. Another finance officer may now decide it.`);
  }
  const snapshotHash = record.snapshot!.hash;
  const review = { reviewedBy: caller.username, reviewedAt: context.now.toISOString(), ...(request.notes ? { notes: request.notes } : {}), snapshotHash };
  const next: ProposalRecord = { ...record, review, reviewedByUserId: caller.userId };
  const stored = await store.recordReview(
    next,
    { snapshotHash },
    auditEvent({
      caller,
      at: context.now,
      action: 'budget.review',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Reviewed ${proposalId}: ${formatRupiah(record.total)} for ${formatCount(record.totalHeadcount)} people, for another finance officer to decide${request.notes ? ` (${request.notes})` : ''}`,
      changes: [{ path: `proposals[${proposalId}].review.reviewedBy`, after: caller.username }],
    }),
  );
  if (!stored) throw new ConflictError(`Proposal ${proposalId} was reviewed, decided or changed by someone else meanwhile. Reload it.`);
  return next;
}
