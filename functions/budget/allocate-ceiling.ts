import { DynamoDbEnrollmentLedger } from '../../shared/adapters/dynamodb/dynamodb-enrollment-ledger';
import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { DynamoDbRosterReader } from '../../shared/adapters/dynamodb/dynamodb-roster-reader';
import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { auditEvent } from '../../shared/core/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { fundingContext } from '../../shared/core/budget/funding-context';
import { settleCut } from '../../shared/core/budget/funded-by-allocation';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { unfundedNiks } from '../../shared/core/budget/roster-funding';
import { ProposalWorkflowInput } from '../../shared/core/budget/workflow-inputs';
import { maskNik } from '../../shared/core/people/personal-data';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { now } from '../../shared/core/clock';

const proposals = new DynamoDbProposalStore();
const roster = new DynamoDbRosterReader();
const ledger = new DynamoDbEnrollmentLedger();
const fundingStores = { proposals, runs: new DynamoDbRunStore(), regulations: new DynamoDbRegulationStore(), imports: new DynamoDbImportStore() };

/**
 * Finds exactly who a ceiling funds in the one segment it cuts: the first `funded` people of the
 * segment in ascending NIK order (a documented, deterministic order that favours no one), among
 * the people nobody funds this year yet (the proposal's headcount left out those already funded).
 */
export const handler = workflowTask(ProposalWorkflowInput, async ({ proposalId }) => {
  const record = requireProposal(await proposals.get(proposalId), proposalId);
  if (record.status !== 'allocating') return { proposalId, status: record.status };
  const scope = { regulationId: record.regulationId, year: record.year };
  const funding = await fundingContext(fundingStores, { ...scope, except: proposalId });
  const allocation = await Promise.all(
    (record.allocation ?? []).map((segment) =>
      settleCut(segment, (bucket) =>
        funding.lookUpPeople
          ? unfundedNiks({ roster, ledger }, { ...scope, segment: segment.segment, bucket }, funding.pending)
          : roster.segmentNiks(record.regulationId, record.year, segment.segment, bucket),
      ),
    ),
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
