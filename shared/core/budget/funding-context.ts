import type { RunStore } from '../enrollment/run-record';
import type { RegulationStore } from '../regulation/regulation-store';
import type { ImportStore } from '../roster/import-store';
import { currentVersions } from './current-versions';
import { type PendingCohort, pendingCohorts } from './funded-this-year';
import type { ProposalStore } from './proposal-store';

export interface FundingContextStores {
  proposals: Pick<ProposalStore, 'list'>;
  runs: Pick<RunStore, 'list'>;
  regulations: RegulationStore;
  imports: ImportStore;
}

/**
 * What deciding "funded this year" needs for a regulation's year, read once: its pending cohorts,
 * and whether anyone can be funded yet at all (if not, nobody needs looking up one by one).
 */
export async function fundingContext(
  stores: FundingContextStores,
  scope: { regulationId: string; year: number; except?: string },
): Promise<{ pending: PendingCohort[]; lookUpPeople: boolean }> {
  const [proposals, runs, current] = await Promise.all([
    stores.proposals.list({ regulationId: scope.regulationId }),
    stores.runs.list({ regulationId: scope.regulationId }),
    currentVersions(stores, scope.regulationId, scope.year),
  ]);
  const runsOfYear = new Map(runs.filter((run) => run.year === scope.year && run.proposalId !== scope.except).map((run) => [run.proposalId, run]));
  const pending = pendingCohorts(proposals, runsOfYear, current, scope);
  return { pending, lookUpPeople: pending.length > 0 || runsOfYear.size > 0 };
}
