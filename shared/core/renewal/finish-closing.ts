import type { LapseReason } from './renewal';
import { auditEvent } from '../audit/audit-event';
import { SYSTEM_CALLER } from '../access/system-caller';
import type { ProposalStore } from '../budget/proposal-store';
import { currentVersions } from '../budget/current-versions';
import type { RegulationStore } from '../regulation/regulation-store';
import type { ImportStore } from '../roster/import-store';
import type { RunStore } from '../enrollment/run-record';
import { startRun } from '../enrollment/start-run';
import { formatIndonesianDate } from '../calendar/indonesian-dates';
import type { WorkflowStarter } from '../workflow-starter';
import type { LapseCounts } from './lapse-bucket';
import { requireRenewal } from './require-renewal';
import type { RenewalRecord } from './renewal-record';
import type { RenewalStore } from './renewal-store';
import { formatCount } from '../people/people-count';

/**
 * Closes the renewal on (or after) 1 January: with an approved budget, the enrollment run that
 * gives the funded people their new coverage period (the insurer keeps their KPJ number) starts,
 * and the renewal is `renewed`; without one, it is `lapsed`. Either way, the lapses counted per
 * bucket are recorded with their reasons, in the audit trail too.
 */
export async function finishClosing(
  deps: { renewals: RenewalStore; proposals: ProposalStore; regulations: RegulationStore; imports: ImportStore; runs: RunStore; workflows: WorkflowStarter },
  input: { regulationId: string; year: number; attempt: number; lapses: readonly LapseCounts[] },
  now: Date,
): Promise<{ status: string }> {
  const record = requireRenewal(await deps.renewals.get(input.regulationId, input.year), input.regulationId, input.year);
  if (record.attempt !== input.attempt || !record.proposalId || (record.status !== 'proposed' && record.status !== 'lapsed')) return { status: record.status };
  const proposal = await deps.proposals.get(record.proposalId);
  const lapseReasons: Partial<Record<LapseReason, number>> = {};
  for (const bucket of input.lapses) {
    for (const [reason, count] of Object.entries(bucket) as [LapseReason, number][]) lapseReasons[reason] = (lapseReasons[reason] ?? 0) + count;
  }
  const lapsed = Object.values(lapseReasons).reduce((a, b) => a + (b ?? 0), 0);

  let enrollmentRunId: string | undefined;
  if (proposal?.status === 'approved') {
    const current = await currentVersions(deps, proposal.regulationId, proposal.year);
    enrollmentRunId = (await startRun(deps, proposal, current, SYSTEM_CALLER, now)).record.runId;
  }
  const outcome = enrollmentRunId ? 'renewed' : 'lapsed';
  const closed: RenewalRecord = {
    ...record,
    status: outcome,
    closing: { outcome, closedAt: now.toISOString(), lapsed, lapseReasons, ...(enrollmentRunId ? { enrollmentRunId } : {}) },
  };
  const lastDay = formatIndonesianDate(`${record.fromYear}-12-31`);
  await deps.renewals.update(
    closed,
    { status: record.status, attempt: record.attempt },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: `renewal.${outcome}`,
      entityType: 'regulation',
      entityId: record.regulationId,
      summary:
        (enrollmentRunId
          ? `Renewed cover into ${record.year}: enrollment run ${enrollmentRunId} started for budget ${record.proposalId}`
          : `Cover was not renewed into ${record.year}: budget ${record.proposalId} is ${proposal?.status ?? 'missing'}`) +
        `; ${formatCount(lapsed)} people's cover lapsed on ${lastDay} or earlier${lapsed > 0 ? ` (${Object.entries(lapseReasons).map(([r, n]) => `${formatCount(n)} ${r}`).join(', ')})` : ''}`,
      changes: [{ path: `renewals[${record.year}].status`, before: record.status, after: outcome }],
    }),
  );
  return { status: outcome };
}
