import type { ProposalRecord } from './proposal-record';

/** People per segment already funded by approved cohorts of a regulation's fiscal year. */
export function fundedThisYear(proposals: readonly ProposalRecord[], regulationId: string, year: number, except: string): Record<string, number> {
  const funded: Record<string, number> = {};
  for (const proposal of proposals) {
    if (proposal.proposalId === except || proposal.regulationId !== regulationId || proposal.year !== year || proposal.status !== 'approved') continue;
    for (const allocation of proposal.allocation ?? []) funded[allocation.segment] = (funded[allocation.segment] ?? 0) + allocation.funded;
  }
  return funded;
}
