import type { Proposal } from '../budget/proposal';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import type { RegulationStore } from '../regulation/regulation-store';
import { monthsToYearEnd } from '../calendar/calendar';
import { requireMonthsInForce } from '../regulation/effective-period';
import { requireRegulation } from '../regulation/require-regulation';
import type { WorkflowStarter } from '../workflow-starter';
import { renewalExecutionName } from './renewal-identity';
import type { RenewalRecord } from './renewal-record';
import { renewalStartDate } from './renewal-setting';
import type { RenewalStore } from './renewal-store';

export interface RenewalStores {
  renewals: RenewalStore;
  regulations: RegulationStore;
}

/**
 * Starts the renewal of a regulation's cover into `year`, or returns the one already under way.
 * The schedule and an admin reach the same renewal (one per regulation and year), and the same
 * attempt always has the same execution name, so repeated triggers start nothing twice.
 *
 * An admin (never the schedule, which would loop) starts a new attempt when the last one failed,
 * or when its budget can no longer be approved as it is (rejected, sent back, expired or stale):
 * the roster is verified again and a new proposal made.
 */
export async function startRenewal(
  stores: RenewalStores,
  workflows: WorkflowStarter,
  request: { regulationId: string; year: number; trigger: RenewalRecord['trigger']; proposal?: Proposal },
  caller: Caller,
  now: Date,
): Promise<RenewalRecord> {
  const regulation = requireRegulation(await stores.regulations.current(request.regulationId), request.regulationId);
  requireMonthsInForce(regulation, monthsToYearEnd(`${request.year}-01`), `the renewal into ${request.year}`, 'year');
  let record = await stores.renewals.get(regulation.id, request.year);
  if (!record) {
    const fresh: RenewalRecord = {
      regulationId: regulation.id,
      year: request.year,
      fromYear: request.year - 1,
      status: 'verifying',
      attempt: 1,
      trigger: request.trigger,
      startedBy: caller.username,
      startedAt: now.toISOString(),
      proposeOn: renewalStartDate(regulation, request.year - 1),
      regulationVersion: regulation.version,
    };
    const created = await stores.renewals.create(
      fresh,
      auditEvent({
        caller,
        at: now,
        action: 'renewal.started',
        entityType: 'regulation',
        entityId: regulation.id,
        summary: `Started the renewal of cover from ${fresh.fromYear} into ${fresh.year} (${request.trigger === 'schedule' ? `scheduled for ${fresh.proposeOn}` : `by ${caller.username}`})`,
      }),
    );
    record = created ? fresh : await stores.renewals.get(regulation.id, request.year);
  } else if (request.trigger === 'admin' && canStartAgain(record, request.proposal)) {
    const again: RenewalRecord = {
      ...withoutOutcome(record),
      status: 'verifying',
      attempt: record.attempt + 1,
      trigger: 'admin',
      startedBy: caller.username,
      startedAt: now.toISOString(),
      regulationVersion: regulation.version,
      ...(record.proposalId ? { previousProposals: [...(record.previousProposals ?? []), record.proposalId] } : {}),
    };
    const updated = await stores.renewals.update(
      again,
      { status: record.status, attempt: record.attempt },
      auditEvent({
        caller,
        at: now,
        action: 'renewal.restarted',
        entityType: 'regulation',
        entityId: regulation.id,
        summary: `Started the renewal into ${record.year} again (attempt ${again.attempt}): ${restartReason(record, request.proposal)}`,
        changes: [{ path: `renewals[${record.year}].attempt`, before: record.attempt, after: again.attempt }],
      }),
    );
    record = updated ? again : await stores.renewals.get(regulation.id, request.year);
  }
  const current = record!;
  if (current.status === 'verifying') {
    const executionArn = await workflows.start('renewal', renewalExecutionName(current.regulationId, current.year, current.attempt), {
      regulationId: current.regulationId,
      year: current.year,
      attempt: current.attempt,
      phase: 'verify',
    });
    await stores.renewals.setExecution(current.regulationId, current.year, executionArn);
  }
  return current;
}

function canStartAgain(record: RenewalRecord, proposal: Proposal | undefined): boolean {
  if (record.status === 'failed') return true;
  if (record.status !== 'proposed' && record.status !== 'lapsed') return false;
  return proposal !== undefined && (proposal.stale || ['rejected', 'revision-requested', 'expired', 'failed'].includes(proposal.status));
}

function restartReason(record: RenewalRecord, proposal: Proposal | undefined): string {
  if (record.status === 'failed') return `the last attempt failed (${record.failure ?? 'see the workflow'})`;
  if (proposal?.stale) return `its budget ${proposal.proposalId} is stale`;
  return `its budget ${proposal?.proposalId} is ${proposal?.status}`;
}

function withoutOutcome(record: RenewalRecord): RenewalRecord {
  const { diff: _diff, failure: _failure, proposalId: _proposalId, executionArn: _arn, ...rest } = record;
  return rest;
}
