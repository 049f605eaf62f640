import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import type { ProposalStore } from './proposal-store';
import { requireProposal } from './require-proposal';

/** Records why a budget workflow failed, visibly: the proposal is failed and is proposed again. */
export async function failProposal(
  proposals: Pick<ProposalStore, 'get' | 'update'>,
  input: { proposalId: string; failure: string },
  now: Date,
): Promise<{ proposalId: string; status: 'failed' }> {
  const { proposalId, failure } = input;
  const record = requireProposal(await proposals.get(proposalId), proposalId);
  await proposals.update(
    { ...record, status: 'failed', failure },
    { status: record.status },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'budget.failed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Proposal ${proposalId} failed (${failure}). Propose the budget again.`,
    }),
  );
  return { proposalId, status: 'failed' };
}
