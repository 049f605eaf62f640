import { describe, expect, it } from 'vitest';
import { coverageReport, type RunFigures } from '../../shared/core/coverage/coverage-report';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { tangselRegulation } from '../support/tangsel';

const regulation: Regulation = { ...tangselRegulation('coverage-unit'), version: 1, recordedAt: '2026-01-01T00:00:00Z', recordedBy: 'ani' };

/** A run billing `people` of a segment each month from `from` to December of its year. */
function run(year: number, from: number, people: Record<string, number>, committedAmount = 0): RunFigures {
  const lines = Object.entries(people).flatMap(([segment, n]) =>
    Array.from({ length: 13 - from }, (_, i) => ({ month: `${year}-${String(from + i).padStart(2, '0')}`, segment, people: n, amount: n * 16_800 })),
  );
  return { year, committedAmount, invoice: { lines } };
}

type Bill = Parameters<typeof coverageReport>[0]['bills'][number];
const report = (year: number, runs: RunFigures[], bills: Bill[] = []) => coverageReport({ regulation, year, roster: undefined, proposals: [], runs, bills });
const acceptedBill = (month: string, payable: number, paid: number): Bill => ({
  month,
  status: 'accepted',
  paid,
  acceptance: { by: 'siti', byUserId: 'siti', at: '2027-01-10T00:00:00Z', hash: 'h', payable, disputed: { people: 0, amount: 0 } },
});

describe('coverageReport', () => {
  it('adds up runs of one year without counting a person twice across months', () => {
    const original = run(2027, 1, { KETUA_RT: 100, MARBOT: 5 }, 1_000);
    const topUp = run(2027, 7, { KETUA_RT: 20 }, 200);
    const coverage = report(2027, [original, topUp]);
    const covered = Object.fromEntries(coverage.segments.map((s) => [s.segment, s.covered]));
    expect(covered).toMatchObject({ KETUA_RT: 120, MARBOT: 5, KETUA_RW: 0 });
    expect(coverage.totals.covered).toBe(125);
    expect(coverage.budget).toMatchObject({ committed: 1_200, spent: 0 });
    expect(coverage.months[5]).toEqual({ month: '2027-06', covered: 105, premiums: 105 * 16_800, paid: 0 });
    expect(coverage.months[6]).toEqual({ month: '2027-07', covered: 125, premiums: 125 * 16_800, paid: 0 });
  });

  it('tells covered and paid from enrolled, and spends what was paid, not what was committed', () => {
    const coverage = report(2027, [run(2027, 1, { KETUA_RT: 10 }, 2_016_000)], [
      acceptedBill('2027-01', 168_000, 168_000),
      // Paid in part: the month's people are enrolled, not yet covered and paid.
      acceptedBill('2027-02', 168_000, 100_000),
    ]);
    expect(coverage.months.slice(0, 3).map((m) => [m.covered, m.paid])).toEqual([[10, 10], [10, 0], [10, 0]]);
    expect(coverage.budget).toMatchObject({ committed: 2_016_000, spent: 268_000 });
  });

  it('counts continuous cover back into earlier years, and stops at a month without cover', () => {
    const lastYear = run(2026, 7, { KETUA_RT: 10 });
    expect(report(2027, [lastYear, run(2027, 1, { KETUA_RT: 10 })]).monthsOfContinuousCover).toBe(18);
    // January 2027 without cover: the streak is the eleven months since.
    expect(report(2027, [lastYear, run(2027, 2, { KETUA_RT: 10 })]).monthsOfContinuousCover).toBe(11);
    // A year without cover has none, whatever came before; later years do not count.
    expect(report(2027, [lastYear]).monthsOfContinuousCover).toBe(0);
    expect(report(2026, [lastYear, run(2027, 1, { KETUA_RT: 10 })]).monthsOfContinuousCover).toBe(6);
  });
});
