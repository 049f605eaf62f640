import { describe, expect, it } from 'vitest';
import type { RenewalPerson } from '../../shared/api/renewal-schemas';
import { continuityPage } from '../../shared/core/renewal/continuity-page';
import type { CoverLedger, CoveredEntry } from '../../shared/core/renewal/cover-ledger';

const cover = (nik: string, year: number, overrides: Partial<CoveredEntry> = {}): CoveredEntry => ({
  nik,
  year,
  regulationId: 'perwal-a',
  proposalId: 'bp-1',
  runId: 'run-1',
  attempt: 1,
  segment: 'KETUA_RT',
  name: `Warga ${nik.slice(-4)}`,
  programs: ['JKK', 'JKM'],
  status: 'enrolled',
  kpj: '12345678901',
  coverageStart: `${year}-01-01`,
  coverageEnd: `${year}-12-31`,
  amount: 201_600,
  updatedAt: `${year - 1}-12-20T02:00:00Z`,
  ...overrides,
});

function ledger(last: CoveredEntry[], next: CoveredEntry[], lapsed: RenewalPerson[]): CoverLedger {
  return {
    coveredPage: async () => ({ entries: last, more: false }),
    cover: async (_year, niks) => new Map(next.filter((e) => niks.includes(e.nik)).map((e) => [e.nik, e])),
    listed: async (_where, niks) => new Map(lapsed.filter((p) => niks.includes(p.nik)).map((p) => [p.nik, p])),
  };
}

describe('the continuity report', () => {
  it('lists late enrollment, lapses with their reason, and deaths; continuous cover is not a gap', async () => {
    const [continuous, late, lapsed, died, neverClosed] = ['0001', '0002', '0003', '0004', '0005'].map((s) => `367401100180${s}`) as [string, string, string, string, string];
    const page = await continuityPage(
      ledger(
        [cover(continuous, 2027), cover(late, 2027), cover(lapsed, 2027), cover(died, 2027, { coverageEnd: '2027-05-09', endReason: 'deceased' }), cover(neverClosed, 2027)],
        // Registered on 15 January 2028: cover starts then, whatever the nominal start.
        [cover(continuous, 2028), cover(late, 2028, { updatedAt: '2028-01-14T20:00:00Z' })],
        [{ nik: lapsed, name: 'x', segment: 'KETUA_RT', reason: 'budget-rejected' }],
      ),
      { regulationId: 'perwal-a', year: 2028, bucket: 0 },
    );
    expect(page.checked).toBe(5);
    expect(Object.fromEntries(page.gaps.map((g) => [g.nik, [g.reason, g.coveredUntil, g.coveredAgainFrom, g.gapDays]]))).toEqual({
      [late]: ['late-enrollment', '2027-12-31', '2028-01-15', 14],
      [lapsed]: ['budget-rejected', '2027-12-31', undefined, 366],
      [died]: ['deceased', '2027-05-09', undefined, 0],
      [neverClosed]: ['not-renewed', '2027-12-31', undefined, 366],
    });
  });
});
