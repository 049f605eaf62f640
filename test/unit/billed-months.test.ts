import { describe, expect, it } from 'vitest';
import { lastBilledMonth, releasedPremiums } from '../../shared/core/enrollment/billed-months';
import { invoiceAfterCoverEnds, premiumInvoice } from '../../shared/core/enrollment/premium-invoice';

const year = (from: number, premium = 16_800) => Array.from({ length: 13 - from }, (_, i) => ({ month: `2027-${String(from + i).padStart(2, '0')}`, premium }));

describe('billed months', () => {
  it('bills the month cover ends in, in full, and releases the whole months after it', () => {
    expect(lastBilledMonth('2027-03-14')).toBe('2027-03');
    expect(releasedPremiums(year(1), '2027-03-14')).toBe(9 * 16_800);
    expect(releasedPremiums(year(1), '2027-03-31')).toBe(9 * 16_800);
    expect(releasedPremiums(year(1), '2027-04-01')).toBe(8 * 16_800);
  });

  it('releases nothing for cover that ends in its last month, and all of it for cover that ends before its first', () => {
    expect(releasedPremiums(year(1), '2027-12-01')).toBe(0);
    expect(releasedPremiums(year(7), '2027-05-09')).toBe(6 * 16_800);
    expect(releasedPremiums(year(1), '2026-11-30')).toBe(12 * 16_800);
  });

  it('releases the premium in force each month when the rate changes mid-year', () => {
    const premiums = [...year(1).slice(0, 6), ...year(7, 20_000)];
    expect(releasedPremiums(premiums, '2027-05-20')).toBe(16_800 + 6 * 20_000);
  });
});

describe('the invoice after cover ends', () => {
  const invoice = premiumInvoice(
    [
      { segment: 'KETUA_RT', monthlyPremiums: year(1) },
      { segment: 'MARBOT', monthlyPremiums: year(1) },
    ],
    { KETUA_RT: 3, MARBOT: 1 },
  );

  it('drops the people from the month after their last billed month, segment by segment', () => {
    const billed = invoiceAfterCoverEnds(invoice, [
      { segment: 'KETUA_RT', lastBilledMonth: '2027-03', people: 1 },
      { segment: 'MARBOT', lastBilledMonth: '2027-10', people: 1 },
    ]);
    const ketuaRt = billed.lines.filter((line) => line.segment === 'KETUA_RT');
    expect(ketuaRt.map((line) => line.people)).toEqual([3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(billed.lines.filter((line) => line.segment === 'MARBOT').map((line) => line.month)).toEqual(year(1).slice(0, 10).map((m) => m.month));
    expect(billed.monthlyTotals.find((m) => m.month === '2027-04')).toEqual({ month: '2027-04', people: 3, amount: 3 * 16_800 });
    expect(billed.total).toBe(invoice.total - 9 * 16_800 - 2 * 16_800);
  });

  it('is the invoice as it was when no cover ended', () => {
    expect(invoiceAfterCoverEnds(invoice, [])).toEqual(invoice);
  });
});
