import type { z } from 'zod';
import type { DecideRequest } from './budget-requests';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import { ConflictError, InvalidInputError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import { allocateCeiling, fundEveryone } from './allocate-ceiling';
import { isCut } from './funded-by-allocation';
import type { ProposalRecord } from './proposal-record';
import type { ProposalStore } from './proposal-store';
import type { CurrentVersions } from './current-versions';
import { proposalView } from './proposal-view';
import { withOverTargetFunded } from './segment-quota';
import { smallestUsefulCeiling } from './smallest-useful-ceiling';
import { requireNotRequester, requireReviewByAnother } from './separation-of-duties';
import type { WorkflowStarter } from '../workflow-starter';
import { formatCount } from '../people/people-count';

/**
 * Records finance's decision on a proposal, bound to the snapshot it was made on. Refused for the
 * person who requested it (separation of duties), for an approval of a system-requested proposal
 * without another officer's review, for an expired or stale proposal, and for a proposal someone
 * else decided meanwhile. An approval that cuts a segment starts the ceiling-allocation workflow,
 * which settles who in it is funded (funded-by-allocation.ts).
 */
export async function decideBudget(
  deps: { proposals: ProposalStore; workflows: WorkflowStarter },
  record: ProposalRecord,
  request: z.output<typeof DecideRequest>,
  caller: Caller,
  context: { now: Date; today: string; current: CurrentVersions },
): Promise<ProposalRecord> {
  requireNotRequester(record, caller, 'decide it');
  const view = proposalView(record, context.current, context.today);
  if (view.status !== 'pending-decision') {
    throw new ConflictError(`Proposal ${record.proposalId} is ${view.status}, not waiting for a decision.${view.status === 'expired' ? ' Propose the budget again.' : ''}`);
  }
  if (view.stale) {
    throw new ConflictError(`Proposal ${record.proposalId} is stale: ${view.staleBecause!.join('; ')}. Propose the budget again and decide the new proposal.`);
  }
  if (request.decision === 'approve' || request.decision === 'approve-with-ceiling') requireReviewByAnother(record, caller);
  const fundOverTarget = (request.decision === 'approve' || request.decision === 'approve-with-ceiling') && request.fundOverTarget === true;
  if (fundOverTarget && !record.segments.some((segment) => segment.overTarget)) {
    throw new InvalidInputError('Nobody is over a segment quota in this proposal', [{ path: 'fundOverTarget', message: 'leave it out: every eligible person is within the targets' }]);
  }
  // Approving the people over the quotas too is deciding on a larger proposal.
  const segments = fundOverTarget ? withOverTargetFunded(record.segments) : record.segments;
  const total = segments.reduce((sum, segment) => sum + segment.amount, 0);
  if (request.decision === 'approve-with-ceiling' && request.ceiling >= total) {
    throw new InvalidInputError('A ceiling must be below the proposed total', [
      { path: 'ceiling', message: `must be below ${formatRupiah(total)}; approve without a ceiling to fund everyone` },
    ]);
  }
  const smallest = request.decision === 'approve-with-ceiling' ? smallestUsefulCeiling(segments) : undefined;
  if (request.decision === 'approve-with-ceiling' && smallest && request.ceiling < smallest.amount) {
    throw new InvalidInputError(`A ceiling of ${formatRupiah(request.ceiling)} funds nobody: the smallest useful ceiling is ${formatRupiah(smallest.amount)}`, [
      {
        path: 'ceiling',
        message: `must be at least ${formatRupiah(smallest.amount)}, one person of ${smallest.segment.segment} (priority ${smallest.segment.priority}) for ${smallest.segment.months} months; to fund nobody, reject the proposal`,
      },
    ]);
  }

  const decision = {
    decision: request.decision,
    decidedBy: caller.username,
    decidedAt: context.now.toISOString(),
    snapshotHash: record.snapshot!.hash,
    ...('notes' in request && request.notes ? { notes: request.notes } : {}),
    ...(request.decision === 'reject' ? { reason: request.reason } : {}),
    ...(request.decision === 'approve-with-ceiling' ? { ceiling: request.ceiling } : {}),
    ...(fundOverTarget ? { fundOverTarget } : {}),
  };
  let next: ProposalRecord;
  let needsAllocation = false;
  if (request.decision === 'approve' || request.decision === 'approve-with-ceiling') {
    const funding = request.decision === 'approve' ? fundEveryone(segments) : allocateCeiling(segments, request.ceiling);
    // A segment funded in part needs the exact people: the allocation workflow finds them.
    needsAllocation = funding.some(isCut);
    next = {
      ...record,
      decision,
      decidedByUserId: caller.userId,
      allocation: funding,
      approvedAmount: funding.reduce((sum, f) => sum + f.amount, 0),
      status: needsAllocation ? 'allocating' : 'approved',
    };
  } else {
    next = { ...record, decision, decidedByUserId: caller.userId, status: request.decision === 'reject' ? 'rejected' : 'revision-requested' };
  }
  const stored = await deps.proposals.update(
    next,
    { status: 'pending-decision', snapshotHash: record.snapshot!.hash },
    auditEvent({
      caller,
      at: context.now,
      action: `budget.${request.decision}`,
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: describeDecision(next),
      changes: [{ path: `proposals[${record.proposalId}].status`, before: record.status, after: next.status }],
    }),
  );
  if (!stored) throw new ConflictError(`Proposal ${record.proposalId} was decided or changed by someone else meanwhile. Reload it.`);
  if (needsAllocation) {
    const executionArn = await deps.workflows.start('ceilingAllocation', allocationExecutionName(record), { proposalId: record.proposalId });
    await deps.proposals.setExecution(record.proposalId, executionArn);
  }
  return next;
}

/** An execution name is used once: a decision taken again after a withdrawal gets the next one. */
function allocationExecutionName(record: ProposalRecord): string {
  const withdrawn = record.withdrawnDecisions?.length ?? 0;
  return `allocate-${record.proposalId}${withdrawn ? `-${withdrawn + 1}` : ''}`;
}

function describeDecision(record: ProposalRecord): string {
  const decision = record.decision!;
  switch (decision.decision) {
    case 'approve':
      return `Approved ${record.proposalId}: ${formatRupiah(record.approvedAmount!)} for ${formatCount(record.allocation!.reduce((n, a) => n + a.funded, 0))} people${decision.fundOverTarget ? ', over the target headcounts too' : ''}`;
    case 'approve-with-ceiling':
      return `Approved ${record.proposalId} with a ceiling of ${formatRupiah(decision.ceiling!)}: ${formatRupiah(record.approvedAmount!)} for ${formatCount(record.allocation!.reduce((n, a) => n + a.funded, 0))} of ${formatCount(record.totalHeadcount)} people`;
    case 'reject':
      return `Rejected ${record.proposalId}: ${decision.reason}`;
    case 'request-revision':
      return `Asked for a revision of ${record.proposalId}: ${decision.notes}`;
  }
}
