import { requireNotDecider, requireNotRequester } from './separation-of-duties';
import type { z } from 'zod';
import type { WithdrawRequest } from './budget-requests';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import { ConflictError } from '../errors';
import { runIdOf } from '../enrollment/run-identity';
import type { RunStore } from '../enrollment/run-record';
import type { ProposalRecord } from './proposal-record';
import type { ProposalStore } from './proposal-store';

/** Decided states a decision can be withdrawn from; `allocating` settles into `approved` first. */
const WITHDRAWABLE: readonly ProposalRecord['status'][] = ['approved', 'rejected', 'revision-requested'];

/**
 * Takes back finance's decision while nothing has been enrolled on it: the proposal waits for a
 * decision again (or reads as expired or stale, as any undecided proposal would), and the
 * withdrawn decision is kept in its history. Only another finance officer may withdraw it, never
 * the one who decided it nor the one who requested the proposal.
 */
export async function withdrawDecision(
  deps: { proposals: ProposalStore; runs: Pick<RunStore, 'get'> },
  record: ProposalRecord,
  request: z.output<typeof WithdrawRequest>,
  caller: Caller,
  now: Date,
): Promise<ProposalRecord> {
  const { proposalId } = record;
  requireNotRequester(record, caller, 'withdraw its decision');
  requireNotDecider(record, caller, 'withdraw that decision', 'another finance officer');
  const { decision, allocation, approvedAmount, decidedByUserId: _decider, ...undecided } = record;
  if (!decision || !WITHDRAWABLE.includes(record.status)) {
    throw new ConflictError(
      `Proposal ${proposalId} is ${record.status}: only a decided proposal's decision can be withdrawn.${record.status === 'allocating' ? ' Wait until its allocation finishes.' : ''}`,
    );
  }
  const runStarted = async () => (await deps.runs.get(runIdOf(proposalId))) !== undefined;
  if (await runStarted()) throw runStartedError(proposalId);

  const next: ProposalRecord = {
    ...undecided,
    status: 'pending-decision',
    withdrawnDecisions: [
      ...(record.withdrawnDecisions ?? []),
      {
        decision,
        ...(allocation ? { allocation } : {}),
        ...(approvedAmount !== undefined ? { approvedAmount } : {}),
        withdrawnBy: caller.username,
        withdrawnAt: now.toISOString(),
        reason: request.reason,
      },
    ],
  };
  const stored = await deps.proposals.withdrawDecision(
    next,
    { status: record.status, decidedAt: decision.decidedAt },
    auditEvent({
      caller,
      at: now,
      action: 'budget.withdraw',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Withdrew the ${decision.decision} decision of ${decision.decidedBy} on ${proposalId}: ${request.reason}`,
      changes: [{ path: `proposals[${proposalId}].status`, before: record.status, after: next.status }],
    }),
  );
  if (!stored) {
    if (await runStarted()) throw runStartedError(proposalId);
    throw new ConflictError(`Proposal ${proposalId} was changed by someone else meanwhile. Reload it.`);
  }
  return next;
}

function runStartedError(proposalId: string): ConflictError {
  return new ConflictError(
    `Enrollment run ${runIdOf(proposalId)} has started for proposal ${proposalId}, so its decision can no longer be withdrawn. See \`npx lindung enroll status ${runIdOf(proposalId)}\`.`,
  );
}
