import { auditEvent } from '../audit/audit-event';
import { SYSTEM_CALLER } from '../access/system-caller';
import type { ProposalStore } from '../budget/proposal-store';
import { proposeBudget } from '../budget/propose-budget';
import type { RegulationStore } from '../regulation/regulation-store';
import type { WorkflowStarter } from '../workflow-starter';
import { renewalProposalId } from './renewal-identity';
import { requireRenewal } from './require-renewal';
import type { RenewalStore } from './renewal-store';
import { formatCount } from '../people/people-count';

/**
 * The renewal's budget: an original-APBD proposal for the whole new year from the verified roster,
 * computed by the BudgetProposal workflow like any other, carrying the diff against last year for
 * finance's decision screen and the budget document. Requested by the system, so one finance
 * officer reviews it and another approves it (shared/core/budget/separation-of-duties.ts).
 */
export async function proposeRenewal(
  stores: { renewals: RenewalStore; proposals: ProposalStore; regulations: RegulationStore },
  workflows: WorkflowStarter,
  input: { regulationId: string; year: number; attempt: number },
  now: Date,
): Promise<{ status: string; proposalId?: string }> {
  const record = requireRenewal(await stores.renewals.get(input.regulationId, input.year), input.regulationId, input.year);
  if (record.attempt !== input.attempt || record.status !== 'verifying' || !record.diff) return { status: record.status };
  const proposalId = renewalProposalId(record.regulationId, record.year, record.attempt);
  // Named after the attempt: a re-run of this step finds the proposal and its workflow started.
  await proposeBudget(
    { ...stores, workflows },
    { regulationId: record.regulationId, year: record.year, cohort: 'original', clientToken: proposalId },
    SYSTEM_CALLER,
    now,
    { renewal: { proposalId, diff: record.diff } },
  );
  const proposed = { ...record, status: 'proposed' as const, proposalId };
  await stores.renewals.update(
    proposed,
    { status: 'verifying', attempt: record.attempt },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'renewal.proposed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Proposed the ${record.year} renewal budget ${proposalId} for ${formatCount(record.diff.totals.next)} people; waiting for finance`,
      changes: [{ path: `renewals[${record.year}].status`, before: 'verifying', after: 'proposed' }],
    }),
  );
  return { status: 'proposed', proposalId };
}
