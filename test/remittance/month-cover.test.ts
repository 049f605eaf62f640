import { describe, expect, it } from 'vitest';
import { monthCover, type PremiumOf } from '../../shared/core/remittance/month-cover';
import type { CoveredEntry } from '../../shared/core/renewal/cover-ledger';
import { balikpapanNik, coveredEntry, premiumTable } from './remittance-fixtures';

/** What the ledger says of one person for one month: covered at a premium, ended, or outside. */

const nik = balikpapanNik(201);
const premiums = premiumTable({ KETUA_RT: 16_800, MARBOT: 20_000 });
const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2027-${String(from + i).padStart(2, '0')}`);

describe('monthCover', () => {
  it('covers every month from the month of coverageStart through the month of coverageEnd, at the premium of the segment', () => {
    const topUp = coveredEntry(nik, { coverageStart: '2027-07-01', coverageEnd: '2027-12-31' });
    for (const month of months(1, 6)) expect(monthCover(topUp, month, premiums)).toEqual({ kind: 'outside' });
    for (const month of months(7, 12)) expect(monthCover(topUp, month, premiums)).toEqual({ kind: 'covered', premium: 16_800 });
    expect(monthCover(topUp, '2028-01', premiums)).toEqual({ kind: 'outside' });
    expect(monthCover(topUp, '2026-12', premiums)).toEqual({ kind: 'outside' });
    expect(monthCover(coveredEntry(nik, { segment: 'MARBOT' }), '2027-03', premiums)).toEqual({ kind: 'covered', premium: 20_000 });
  });

  it('a cover starting mid-month covers that month', () => {
    const midMonth = coveredEntry(nik, { coverageStart: '2027-03-18' });
    expect(monthCover(midMonth, '2027-02', premiums)).toEqual({ kind: 'outside' });
    expect(monthCover(midMonth, '2027-03', premiums)).toEqual({ kind: 'covered', premium: 16_800 });
  });

  it('a death mid-month is billed that month, and ended from the next', () => {
    const dead = coveredEntry(nik, { coverageEnd: '2027-03-14', endReason: 'deceased' });
    for (const month of months(1, 3)) expect(monthCover(dead, month, premiums)).toEqual({ kind: 'covered', premium: 16_800 });
    for (const month of months(4, 12)) expect(monthCover(dead, month, premiums)).toEqual({ kind: 'ended', endReason: 'deceased', lastBilledMonth: '2027-03' });
  });

  it('a removal on the first of a month still bills that month', () => {
    const removed = coveredEntry(nik, { coverageEnd: '2027-06-01', endReason: 'removed' });
    expect(monthCover(removed, '2027-06', premiums)).toEqual({ kind: 'covered', premium: 16_800 });
    expect(monthCover(removed, '2027-07', premiums)).toEqual({ kind: 'ended', endReason: 'removed', lastBilledMonth: '2027-06' });
  });

  it('a death before the year starts ends every month of it', () => {
    const renewedThenDied = coveredEntry(nik, { coverageStart: '2027-01-01', coverageEnd: '2026-12-20', endReason: 'deceased' });
    for (const month of months(1, 12)) expect(monthCover(renewedThenDied, month, premiums)).toEqual({ kind: 'ended', endReason: 'deceased', lastBilledMonth: '2026-12' });
  });

  it('cover that simply runs out (no life event) is outside, not ended', () => {
    const short = coveredEntry(nik, { coverageEnd: '2027-06-30' });
    expect(monthCover(short, '2027-07', premiums)).toEqual({ kind: 'outside' });
  });

  it('is outside for an entry that is not enrolled or has no period', () => {
    expect(monthCover(coveredEntry(nik, { status: 'failed' }), '2027-03', premiums)).toEqual({ kind: 'outside' });
    const { coverageStart: _s, ...noStart } = coveredEntry(nik);
    const { coverageEnd: _e, ...noEnd } = coveredEntry(nik);
    expect(monthCover(noStart as CoveredEntry, '2027-03', premiums)).toEqual({ kind: 'outside' });
    expect(monthCover(noEnd as CoveredEntry, '2027-03', premiums)).toEqual({ kind: 'outside' });
  });

  it('asks the premium of the entry and the month, and is outside a month its proposal bought nothing for', () => {
    const asked: [string, string][] = [];
    const lookup: PremiumOf = (entry, month) => {
      asked.push([entry.proposalId, month]);
      return month === '2027-05' ? undefined : month === '2027-06' ? 0 : 17_500;
    };
    const person = coveredEntry(nik, { proposalId: 'bp-2027-lookup001' });
    expect(monthCover(person, '2027-04', lookup)).toEqual({ kind: 'covered', premium: 17_500 });
    expect(monthCover(person, '2027-05', lookup)).toEqual({ kind: 'outside' });
    // A premium of zero is still cover (a fully discounted month), not a missing one.
    expect(monthCover(person, '2027-06', lookup)).toEqual({ kind: 'covered', premium: 0 });
    expect(asked).toEqual([
      ['bp-2027-lookup001', '2027-04'],
      ['bp-2027-lookup001', '2027-05'],
      ['bp-2027-lookup001', '2027-06'],
    ]);
    // Months outside the period never ask.
    monthCover(coveredEntry(nik, { coverageEnd: '2027-03-14', endReason: 'deceased' }), '2027-09', lookup);
    expect(asked).toHaveLength(3);
  });
});
