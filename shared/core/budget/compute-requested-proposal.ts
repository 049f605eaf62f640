import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import { loadRateSchedule } from '../money/rates/rate-schedule';
import { formatRupiah } from '../money/rupiah';
import { requireMonthsInForce } from '../regulation/effective-period';
import { requireRegulation } from '../regulation/require-regulation';
import { proposalMonths } from './cohort-months';
import { computeProposal } from './compute-proposal';
import { type FundingContextStores, fundingContext } from './funding-context';
import type { ProposalRecord } from './proposal-record';
import type { ProposalStore } from './proposal-store';
import { requireProposal } from './require-proposal';
import { type RosterFundingDependencies, alreadyFundedOnRoster } from './roster-funding';
import { formatCount } from '../people/people-count';

export type ProposalComputationDependencies = FundingContextStores &
  RosterFundingDependencies & {
    proposals: Pick<ProposalStore, 'get' | 'list' | 'update'>;
  };

/**
 * The budget-proposal workflow's step: computes a requested proposal from the regulation, the
 * year's roster less the people funded this year already, and the rates (compute-proposal.ts),
 * and puts it before finance. A re-run after this succeeded finds the proposal no longer
 * computing and changes nothing.
 */
export async function computeRequestedProposal(
  deps: ProposalComputationDependencies,
  proposalId: string,
  now: Date,
): Promise<{ proposalId: string; status: ProposalRecord['status'] }> {
  const record = requireProposal(await deps.proposals.get(proposalId), proposalId);
  if (record.status !== 'computing') return { proposalId, status: record.status };
  const regulation = requireRegulation(await deps.regulations.current(record.regulationId), record.regulationId);
  const summary = await deps.imports.rosterSummary(record.regulationId, record.year);
  const scope = { regulationId: record.regulationId, year: record.year };
  const funding = await fundingContext(deps, { ...scope, except: proposalId });
  const segments = regulation.segments.map((segment) => segment.code);
  const computed = computeProposal({
    regulation,
    months: requireMonthsInForce(regulation, proposalMonths(record), `the ${record.year} cohort`, 'year'),
    cohort: record.cohort,
    roster: { version: summary?.version ?? 0, segments: summary?.segments ?? {} },
    // Before anyone of the year can be funded, nobody on the roster is funded already: no lookups.
    alreadyFunded: funding.lookUpPeople ? await alreadyFundedOnRoster(deps, { ...scope, segments }, funding.pending) : {},
    schedule: loadRateSchedule(),
  });
  const next = { ...record, ...computed, regulationVersion: regulation.version, status: 'pending-decision' as const };
  await deps.proposals.update(
    next,
    { status: 'computing' },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'budget.computed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Computed ${proposalId}: ${formatCount(computed.totalHeadcount)} people, ${formatRupiah(computed.total)}; waiting for finance (snapshot ${computed.snapshot.hash.slice(0, 12)})`,
    }),
  );
  return { proposalId, status: next.status };
}
