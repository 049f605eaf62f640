import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../shared/api/budget-schemas';
import { lastYearCohort } from '../../shared/core/budget/last-year-cohort';

type Cohort = Pick<Proposal, 'regulationId' | 'year' | 'status' | 'allocation'>;

const proposal = (year: number, status: Proposal['status'], allocation: Record<string, [funded: number, amount: number]>, regulationId = 'perwal-tangsel'): Cohort => ({
  regulationId,
  year,
  status,
  allocation: Object.entries(allocation).map(([segment, [funded, amount]]) => ({ segment, funded, unfunded: 0, amount })),
});

describe('lastYearCohort', () => {
  it("is everyone the year before's approved budgets funded: the original APBD and its top-ups, per segment", () => {
    const proposals = [
      // 2027: the original APBD under a ceiling, then an APBD-Perubahan top-up from July.
      proposal(2027, 'approved', { KETUA_RT: [1_200, 241_920_000], KETUA_RW: [300, 60_480_000] }),
      proposal(2027, 'approved', { KETUA_RT: [61, 6_148_800] }),
      // Not last year's cohort: rejected, another regulation, another year.
      proposal(2027, 'rejected', { KETUA_RT: [500, 100_800_000] }),
      proposal(2027, 'approved', { KETUA_RT: [9, 1_814_400] }, 'perbup-lebak'),
      proposal(2028, 'approved', { KETUA_RT: [1_262, 254_419_200] }),
    ];
    expect(lastYearCohort(proposals, 'perwal-tangsel', 2028)).toEqual(
      new Map([
        ['KETUA_RT', { funded: 1_261, amount: 248_068_800 }],
        ['KETUA_RW', { funded: 300, amount: 60_480_000 }],
      ]),
    );
  });

  it('is empty without an approved budget the year before', () => {
    expect(lastYearCohort([proposal(2027, 'pending-decision', { KETUA_RT: [10, 2_016_000] })], 'perwal-tangsel', 2028).size).toBe(0);
  });
});
