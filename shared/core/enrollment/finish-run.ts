import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import type { ProposalRecord } from '../budget/proposal-record';
import { runOutcomeSummary } from './run-outcome-summary';
import { runPages, runTally } from './run-view';
import { premiumInvoice } from './premium-invoice';
import { requireRun } from './require-run';
import type { RunRecord, RunStore } from './run-record';

/**
 * Ends an attempt: the shards' tallies become the run's counts, the premium invoice of the people
 * covered is computed, and the run is completed (with failures to retry, if any). Finishing twice
 * (a re-run of the last step) changes nothing the second time.
 */
export async function finishRun(runs: RunStore, record: RunRecord, attempt: number, proposal: ProposalRecord, now: Date): Promise<RunRecord> {
  if (record.status !== 'running' || record.attempt !== attempt) return record;
  const shards = await runs.shards(record.runId);
  const tally = runTally(shards);
  const handled = tally.enrolled + tally.failed + tally.skipped;
  const status = tally.failed > 0 || handled < record.planned ? 'completed-with-failures' : 'completed';
  const invoice = premiumInvoice(proposal.segments, tally.enrolledBySegment);
  const finished: RunRecord = { ...record, status, tally, invoice, finishedAt: now.toISOString() };
  const event = auditEvent({
    caller: SYSTEM_CALLER,
    at: now,
    action: 'enrollment.finished',
    entityType: 'enrollment-run',
    entityId: record.runId,
    regulationId: record.regulationId,
    summary: runOutcomeSummary({ runId: record.runId, attempt, status, tally, pages: runPages(shards), premiums: invoice.total }),
    changes: [{ path: 'status', before: 'running', after: status }],
  });
  return (await runs.update(finished, { status: 'running', attempt }, event)) ? finished : ((await runs.get(record.runId)) ?? finished);
}

/**
 * Records why an attempt's workflow failed, and how to retry the run from there. A failure of an
 * attempt that is no longer running changes nothing.
 */
export async function failRun(runs: RunStore, input: { runId: string; attempt: number; failure: string }, now: Date): Promise<{ runId: string; attempt: number; status: 'failed' }> {
  const { runId, attempt } = input;
  const result = { runId, attempt, status: 'failed' as const };
  const record = requireRun(await runs.get(runId), runId);
  if (record.status !== 'running' || record.attempt !== attempt) return result;
  const failure = `${input.failure}. Retry with \`npx lindung enroll retry ${runId}\`.`;
  const failed: RunRecord = { ...record, status: 'failed', failure, finishedAt: now.toISOString() };
  const event = auditEvent({
    caller: SYSTEM_CALLER,
    at: now,
    action: 'enrollment.failed',
    entityType: 'enrollment-run',
    entityId: record.runId,
    regulationId: record.regulationId,
    summary: `Pendaftaran ${record.runId} gagal (percobaan ${attempt}) / Enrollment run ${record.runId} attempt ${attempt} failed: ${failure}`,
    changes: [{ path: 'status', before: 'running', after: 'failed' }],
  });
  await runs.update(failed, { status: 'running', attempt }, event);
  return result;
}
