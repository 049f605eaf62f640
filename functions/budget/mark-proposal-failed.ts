import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { auditEvent } from '../../shared/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/auth/system-caller';
import { requireProposal } from '../../shared/budget/require-proposal';
import { ProposalFailureInput } from '../../shared/budget/workflow-inputs';
import { failureCause } from '../../shared/workflows/failure-cause';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { now } from '../../shared/clock';

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
