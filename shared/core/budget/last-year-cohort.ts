import type { Proposal } from './proposal';

/** One segment of a year's cohort: the people its approved budgets funded, and their money. */
export interface CohortSegment {
  readonly funded: number;
  readonly amount: number;
}

/**
 * What "last year" means wherever a year is compared with the one before it (the renewal's diff
 * and the proposal page's comparison, on screen, in the budget document and in the CLI): the
 * people the regulation's budgets of the year before funded. That is every approved proposal of
 * the regulation for that year, the original APBD and any APBD-Perubahan top-ups alike; per
 * segment, the sum of their allocations' funded people and amounts. Not one proposal (a top-up
 * would go missing) and not last year's roster (people may be on it without being funded).
 */
export function lastYearCohort(
  proposals: readonly Pick<Proposal, 'regulationId' | 'year' | 'status' | 'allocation'>[],
  regulationId: string,
  year: number,
): Map<string, CohortSegment> {
  const cohort = new Map<string, CohortSegment>();
  for (const proposal of proposals) {
    if (proposal.regulationId !== regulationId || proposal.year !== year - 1 || proposal.status !== 'approved') continue;
    for (const { segment, funded, amount } of proposal.allocation ?? []) {
      const sum = cohort.get(segment) ?? { funded: 0, amount: 0 };
      cohort.set(segment, { funded: sum.funded + funded, amount: sum.amount + amount });
    }
  }
  return cohort;
}
