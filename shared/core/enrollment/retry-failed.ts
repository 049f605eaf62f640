import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError } from '../errors';
import type { WorkflowStarter } from '../workflow-starter';
import { attemptExecutionName } from './run-identity';
import type { RunRecord, RunStore } from './run-record';

/**
 * Starts the next attempt of a finished run: it goes over the run's people again and sends only
 * those not covered (refused by the insurer, over budget, or never reached when the run failed).
 * The caller names the attempt they saw, so a repeated click retries once.
 */
export async function retryFailed(deps: { runs: RunStore; workflows: WorkflowStarter }, record: RunRecord, seenAttempt: number, caller: Caller, now: Date): Promise<RunRecord> {
  if (seenAttempt < record.attempt) return record;
  if (seenAttempt > record.attempt) throw new ConflictError(`Run ${record.runId} is at attempt ${record.attempt}, not ${seenAttempt}.`);
  // Still running, or completed without failures: there is nothing to retry.
  if (record.status === 'running' || record.status === 'completed') return record;
  const next: RunRecord = { ...record, attempt: record.attempt + 1, status: 'running' };
  delete next.finishedAt;
  delete next.failure;
  const event = auditEvent({
    caller,
    at: now,
    action: 'enrollment.retried',
    entityType: 'enrollment-run',
    entityId: record.runId,
    regulationId: record.regulationId,
    summary: `Kegagalan pendaftaran ${record.runId} diulang (percobaan ${next.attempt}) / Retried the failures of enrollment run ${record.runId} (attempt ${next.attempt})`,
    changes: [{ path: 'attempt', before: record.attempt, after: next.attempt }, { path: 'status', before: record.status, after: 'running' }],
  });
  if (!(await deps.runs.update(next, { status: record.status, attempt: record.attempt }, event))) {
    // A concurrent retry won; it started the attempt.
    return (await deps.runs.get(record.runId))!;
  }
  await deps.workflows.start('enrollmentRun', attemptExecutionName(record.runId, next.attempt), { runId: record.runId, attempt: next.attempt });
  return next;
}
