import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { auditEvent } from '../../shared/core/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { ProposalFailureInput } from '../../shared/core/budget/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { now } from '../../shared/core/clock';

const proposals = new DynamoDbProposalStore();

export const handler = workflowTask(ProposalFailureInput, async ({ proposalId, error }) => {
  const record = requireProposal(await proposals.get(proposalId), proposalId);
  const failure = failureCause(error);
  await proposals.update(
    { ...record, status: 'failed', failure },
    { status: record.status },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now(),
      action: 'budget.failed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Proposal ${proposalId} failed (${failure}). Propose the budget again.`,
    }),
  );
  return { proposalId, status: 'failed' };
});
