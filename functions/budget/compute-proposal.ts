import { DynamoDbEnrollmentLedger } from '../../shared/adapters/dynamodb/dynamodb-enrollment-ledger';
import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { DynamoDbRosterReader } from '../../shared/adapters/dynamodb/dynamodb-roster-reader';
import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { auditEvent } from '../../shared/core/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { proposalMonths } from '../../shared/core/budget/cohort-months';
import { computeProposal } from '../../shared/core/budget/compute-proposal';
import { fundingContext } from '../../shared/core/budget/funding-context';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { alreadyFundedOnRoster } from '../../shared/core/budget/roster-funding';
import { ProposalWorkflowInput } from '../../shared/core/budget/workflow-inputs';
import { loadRateSchedule } from '../../shared/core/money/rates/rate-schedule';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { requireMonthsInForce } from '../../shared/core/regulation/effective-period';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { now } from '../../shared/core/clock';

const proposals = new DynamoDbProposalStore();
const regulations = new DynamoDbRegulationStore();
const imports = new DynamoDbImportStore();
const runs = new DynamoDbRunStore();
const roster = new DynamoDbRosterReader();
const ledger = new DynamoDbEnrollmentLedger();

export const handler = workflowTask(ProposalWorkflowInput, async ({ proposalId }) => {
  const record = requireProposal(await proposals.get(proposalId), proposalId);
  if (record.status !== 'computing') return { proposalId, status: record.status };
  const regulation = requireRegulation(await regulations.current(record.regulationId), record.regulationId);
  const summary = await imports.rosterSummary(record.regulationId, record.year);
  const scope = { regulationId: record.regulationId, year: record.year };
  const funding = await fundingContext({ proposals, runs, regulations, imports }, { ...scope, except: proposalId });
  const segments = regulation.segments.map((segment) => segment.code);
  const computed = computeProposal({
    regulation,
    months: requireMonthsInForce(regulation, proposalMonths(record), `the ${record.year} cohort`, 'year'),
    cohort: record.cohort,
    roster: { version: summary?.version ?? 0, segments: summary?.segments ?? {} },
    alreadyFunded: funding.lookUpPeople ? await alreadyFundedOnRoster({ roster, ledger }, { ...scope, segments }, funding.pending) : {},
    schedule: loadRateSchedule(),
  });
  const next = { ...record, ...computed, regulationVersion: regulation.version, status: 'pending-decision' as const };
  // A re-run after this succeeded finds the proposal no longer computing and changes nothing.
  await proposals.update(
    next,
    { status: 'computing' },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now(),
      action: 'budget.computed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Computed ${proposalId}: ${computed.totalHeadcount} people, ${formatRupiah(computed.total)}; waiting for finance (snapshot ${computed.snapshot.hash.slice(0, 12)})`,
    }),
  );
  return { proposalId, status: next.status };
});
