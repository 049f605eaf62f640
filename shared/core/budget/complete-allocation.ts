import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import { maskNik } from '../people/personal-data';
import { settleCut } from './funded-by-allocation';
import { type FundingContextStores, fundingContext } from './funding-context';
import type { ProposalRecord } from './proposal-record';
import type { ProposalStore } from './proposal-store';
import { requireProposal } from './require-proposal';
import { type RosterFundingDependencies, unfundedNiks } from './roster-funding';
import type { RosterLedger } from '../roster/roster-ledger';
import { formatCount } from '../people/people-count';

export type AllocationDependencies = FundingContextStores &
  RosterFundingDependencies & {
    proposals: Pick<ProposalStore, 'get' | 'list' | 'update'>;
    roster: Pick<RosterLedger, 'segmentNiks' | 'segmentPeople'>;
  };

/**
 * The ceiling-allocation workflow's step: settles who an approval funds in the segment it cuts
 * (funded-by-allocation.ts), among the people nobody funds this year yet (the proposal's
 * headcount left them out), and the proposal is approved. A re-run after this succeeded finds the
 * proposal no longer allocating and changes nothing.
 */
export async function completeAllocation(
  deps: AllocationDependencies,
  proposalId: string,
  now: Date,
): Promise<{ proposalId: string; status: ProposalRecord['status'] }> {
  const record = requireProposal(await deps.proposals.get(proposalId), proposalId);
  if (record.status !== 'allocating') return { proposalId, status: record.status };
  const scope = { regulationId: record.regulationId, year: record.year };
  const funding = await fundingContext(deps, { ...scope, except: proposalId });
  const allocation = await Promise.all(
    (record.allocation ?? []).map((segment) =>
      settleCut(segment, (bucket) => unfundedNiks(deps, { ...scope, segment: segment.segment, bucket }, funding)),
    ),
  );
  const cut = allocation.find((segment) => segment.lastFundedNik);
  await deps.proposals.update(
    { ...record, allocation, status: 'approved' },
    { status: 'allocating' },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'budget.allocated',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: cut
        ? `Allocated ${proposalId} within its ceiling: ${cut.segment} funded up to NIK ${maskNik(cut.lastFundedNik!)} (${formatCount(cut.funded)} of ${formatCount(cut.funded + cut.unfunded)})`
        : `Allocated ${proposalId} within its ceiling`,
    }),
  );
  return { proposalId, status: 'approved' };
}
