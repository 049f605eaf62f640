import { requireNotDecider } from '../budget/separation-of-duties';
import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import type { ProposalRecord } from '../budget/proposal-record';
import { type FundingContextStores, fundingContext } from '../budget/funding-context';
import type { CurrentVersions } from '../budget/current-versions';
import { proposalView } from '../budget/proposal-view';
import { jakartaDate } from '../calendar/jakarta-date';
import { ConflictError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import { formatCount, formatPeople } from '../people/people-count';
import type { WorkflowStarter } from '../workflow-starter';
import { coveragePeriod } from './run-plan';
import { attemptExecutionName, runIdOf } from './run-identity';
import type { RunRecord, RunStore } from './run-record';

/**
 * Starts the enrollment run of an approved proposal, or returns the one that exists: the run id
 * follows from the proposal, so concurrent or repeated starts reach one run, and a finished run is
 * left as it is. A run still running has its current attempt's execution started again, which
 * Step Functions refuses as a duplicate unless the first start was lost. Whoever decided the
 * proposal cannot start its run (separation of duties).
 */
export async function startRun(
  deps: FundingContextStores & { runs: RunStore; workflows: WorkflowStarter },
  proposal: ProposalRecord,
  current: CurrentVersions,
  caller: Caller,
  now: Date,
): Promise<{ record: RunRecord; created: boolean }> {
  requireNotDecider(proposal, caller, 'start its enrollment run', 'another admin');
  const runId = runIdOf(proposal.proposalId);
  const existing = await deps.runs.get(runId);
  if (existing) return { record: await resume(deps, existing), created: false };

  const view = proposalView(proposal, current, jakartaDate(now));
  if (view.status !== 'approved' || view.approvedAmount === undefined || !view.allocation) {
    throw new ConflictError(
      `Proposal ${proposal.proposalId} is ${view.status}: only an approved proposal can be enrolled. See \`npx lindung budget show ${proposal.proposalId}\`.`,
    );
  }
  if (view.stale) {
    throw new ConflictError(
      `Proposal ${proposal.proposalId} is stale (${(view.staleBecause ?? []).join('; ')}): it no longer matches what would be enrolled. Propose the budget again and have it decided.`,
    );
  }
  // A cohort funds the people no earlier cohort funds (funded-this-year.ts), which the ledger
  // tells only once the earlier cohorts' runs are done: so cohorts of a year enroll in turn.
  const { pending } = await fundingContext(deps, { regulationId: proposal.regulationId, year: proposal.year, except: proposal.proposalId });
  const earlier = pending.find((cohort) => cohort.requestedAt < proposal.requestedAt);
  if (earlier) {
    throw new ConflictError(
      `Proposal ${earlier.proposalId} funds people of ${proposal.year} before this one and has not finished enrolling them. Enroll it first (\`npx lindung enroll start --proposal ${earlier.proposalId} --wait\`), then start this run, so that each person is funded once.`,
    );
  }
  const planned = view.allocation.reduce((sum, segment) => sum + segment.funded, 0);
  const record: RunRecord = {
    runId,
    proposalId: proposal.proposalId,
    regulationId: proposal.regulationId,
    year: proposal.year,
    cohort: proposal.cohort,
    ...coveragePeriod(proposal),
    attempt: 1,
    status: 'running',
    planned,
    approvedAmount: view.approvedAmount,
    startedBy: caller.username,
    startedAt: now.toISOString(),
  };
  const event = auditEvent({
    caller,
    at: now,
    action: 'enrollment.started',
    entityType: 'enrollment-run',
    entityId: runId,
    regulationId: proposal.regulationId,
    summary:
      `Pendaftaran ${runId} dimulai untuk usulan ${proposal.proposalId}: ${formatPeople(planned)}, paling banyak ${formatRupiah(view.approvedAmount)} / ` +
      `Started enrollment run ${runId} for proposal ${proposal.proposalId}: ${formatCount(planned)} people, at most ${formatRupiah(view.approvedAmount)}`,
  });
  if (!(await deps.runs.create(record, { decidedAt: proposal.decision!.decidedAt }, event))) {
    // Another start won the race: that run is this run. No run means the decision was withdrawn.
    const started = await deps.runs.get(runId);
    if (!started) {
      throw new ConflictError(`The decision on proposal ${proposal.proposalId} was withdrawn meanwhile: see \`npx lindung budget show ${proposal.proposalId}\`.`);
    }
    return { record: await resume(deps, started), created: false };
  }
  await deps.workflows.start('enrollmentRun', attemptExecutionName(runId, 1), { runId, attempt: 1 });
  return { record, created: true };
}

async function resume(deps: { workflows: WorkflowStarter }, record: RunRecord): Promise<RunRecord> {
  if (record.status === 'running') {
    await deps.workflows.start('enrollmentRun', attemptExecutionName(record.runId, record.attempt), { runId: record.runId, attempt: record.attempt });
  }
  return record;
}
