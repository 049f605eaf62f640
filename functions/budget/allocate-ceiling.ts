import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRosterReader } from '../../shared/adapters/dynamodb/dynamodb-roster-reader';
import { auditEvent } from '../../shared/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/auth/system-caller';
import { nthNik } from '../../shared/budget/nth-nik';
import { requireProposal } from '../../shared/budget/require-proposal';
import { ProposalWorkflowInput } from '../../shared/budget/workflow-inputs';
import { maskNik } from '../../shared/domain/personal-data';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { now } from '../../shared/clock';

const proposals = new DynamoDbProposalStore();
const roster = new DynamoDbRosterReader();

/**
 * Finds exactly who a ceiling funds in the one segment it cuts: the first `funded` people of the
 * segment in ascending NIK order (a documented, deterministic order that favours no one).
 */
export const handler = workflowTask(ProposalWorkflowInput, async ({ proposalId }) => {
  const record = requireProposal(await proposals.get(proposalId), proposalId);
  if (record.status !== 'allocating') return { proposalId, status: record.status };
  const allocation = await Promise.all(
    (record.allocation ?? []).map(async (segment) => {
      if (segment.funded === 0 || segment.unfunded === 0) return segment;
      const lastFundedNik = await nthNik(roster, record.regulationId, record.year, segment.segment, segment.funded);
      return { ...segment, ...(lastFundedNik ? { lastFundedNik } : {}) };
    }),
  );
  const cut = allocation.find((segment) => segment.lastFundedNik);
  await proposals.update(
    { ...record, allocation, status: 'approved' },
    { status: 'allocating' },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now(),
      action: 'budget.allocated',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: cut
        ? `Allocated ${proposalId} within its ceiling: ${cut.segment} funded up to NIK ${maskNik(cut.lastFundedNik!)} (${cut.funded} of ${cut.funded + cut.unfunded})`
        : `Allocated ${proposalId} within its ceiling`,
    }),
  );
  return { proposalId, status: 'approved' };
});
