import { describe, expect, it } from 'vitest';
import { parseNik } from '../../shared/core/people/nik';
import type { BillLine } from '../../shared/core/remittance/insurer-bill';
import type { MonthCover } from '../../shared/core/remittance/month-cover';
import { amountInDispute, type PersonComparison, reconcilePerson } from '../../shared/core/remittance/reconcile-person';
import type { CoveredEntry } from '../../shared/core/renewal/cover-ledger';
import { balikpapanNik, billLine, coveredEntry, UNMASKED_NIK } from './remittance-fixtures';

/** The one rule of reconciliation, person by person: which discrepancy, if any, and in which words. */

const nik = balikpapanNik(101);
const entry = coveredEntry(nik);
const covered: MonthCover = { kind: 'covered', premium: 16_800 };
const died: MonthCover = { kind: 'ended', endReason: 'deceased', lastBilledMonth: '2026-12' };
const removed: MonthCover = { kind: 'ended', endReason: 'removed', lastBilledMonth: '2026-11' };
const outside: MonthCover = { kind: 'outside' };

/** `null`: the ledger has no cover of the person this year. */
const compare = (cover: MonthCover, lines: readonly BillLine[], who: CoveredEntry | null = entry): PersonComparison => ({ nik, bucket: 17, entry: who ?? undefined, cover, lines });

describe('reconcilePerson', () => {
  it('uses valid NIKs', () => {
    expect(parseNik(nik, { numericCell: false, referenceDate: '2027-01-01' })).toMatchObject({ ok: true });
  });

  it('finds nothing for a covered person billed once at the premium', () => {
    expect(reconcilePerson(compare(covered, [billLine(4, nik, 16_800)]))).toBeUndefined();
  });

  it('finds nothing for someone neither covered nor billed, nor for ended cover that was not billed', () => {
    expect(reconcilePerson(compare(outside, []))).toBeUndefined();
    expect(reconcilePerson(compare(outside, [], null))).toBeUndefined();
    expect(reconcilePerson(compare(died, []))).toBeUndefined();
  });

  it('not-enrolled: billed without cover, from the ledger when it has the person, else from the line', () => {
    const stranger = reconcilePerson(compare(outside, [billLine(9, nik, 16_800, { name: 'Dari Tagihan', segment: 'BPU-X', kpj: '99887766' })], null));
    expect(stranger).toEqual({
      nik,
      kind: 'not-enrolled',
      bucket: 17,
      name: 'Dari Tagihan',
      lines: [9],
      kpj: '99887766',
      segment: 'BPU-X',
      expected: 0,
      billed: 16_800,
      detail: expect.stringContaining('has no cover with this regulation'),
    });
    expect(stranger!.detail).not.toContain('cover runs');

    const later = reconcilePerson(compare(outside, [billLine(3, nik, 16_800)], coveredEntry(nik, { coverageStart: '2027-07-01' })));
    expect(later).toMatchObject({ kind: 'not-enrolled', name: entry.name, segment: 'KETUA_RT', kpj: entry.kpj, expected: 0, billed: 16_800 });
    expect(later!.detail).toContain('cover runs 2027-07-01 to 2027-12-31');
  });

  it('leaves kpj out when neither the ledger nor the line has one', () => {
    const found = reconcilePerson(compare(outside, [billLine(2, nik, 16_800, { kpj: undefined })], null));
    expect(found).toBeDefined();
    expect('kpj' in found!).toBe(false);
  });

  it('not-billed: covered, with no line', () => {
    expect(reconcilePerson(compare(covered, []))).toEqual({
      nik,
      kind: 'not-billed',
      bucket: 17,
      name: entry.name,
      lines: [],
      kpj: entry.kpj,
      segment: 'KETUA_RT',
      expected: 16_800,
      billed: 0,
      detail: expect.stringContaining(`covered (KPJ ${entry.kpj}) but not on the bill`),
    });
  });

  it('amount-differs: one line at another amount, with both amounts in words', () => {
    const found = reconcilePerson(compare(covered, [billLine(5, nik, 20_000)]));
    expect(found).toMatchObject({ kind: 'amount-differs', lines: [5], expected: 16_800, billed: 20_000 });
    expect(found!.detail).toContain('Rp20.000');
    expect(found!.detail).toContain('Rp16.800');
    // Under the premium is a difference too.
    expect(reconcilePerson(compare(covered, [billLine(5, nik, 16_799)]))).toMatchObject({ kind: 'amount-differs', billed: 16_799 });
  });

  it('billed-after-cover-ended: a death or a removal ended cover before the month', () => {
    const dead = reconcilePerson(compare(died, [billLine(6, nik, 16_800)]));
    expect(dead).toMatchObject({ kind: 'billed-after-cover-ended', lines: [6], expected: 0, billed: 16_800, segment: 'KETUA_RT' });
    expect(dead!.detail).toContain('died');
    expect(dead!.detail).toContain('billed through 2026-12');
    const gone = reconcilePerson(compare(removed, [billLine(6, nik, 16_800)]));
    expect(gone).toMatchObject({ kind: 'billed-after-cover-ended' });
    expect(gone!.detail).toContain('was removed from the roster');
    expect(gone!.detail).toContain('billed through 2026-11');
  });

  it('billed-twice: two lines for the month, all of them listed and summed', () => {
    const found = reconcilePerson(compare(covered, [billLine(7, nik, 16_800), billLine(12, nik, 16_800)]));
    expect(found).toMatchObject({ kind: 'billed-twice', lines: [7, 12], expected: 16_800, billed: 33_600 });
    expect(found!.detail).toContain('2 lines (7, 12)');
  });

  describe('when two apply, the one that changes what may be paid most', () => {
    it('not covered at all beats billed twice', () => {
      expect(reconcilePerson(compare(outside, [billLine(1, nik, 16_800), billLine(2, nik, 16_800)], null))?.kind).toBe('not-enrolled');
    });

    it('not covered at all beats a wrong amount', () => {
      expect(reconcilePerson(compare(outside, [billLine(1, nik, 99_000)]))?.kind).toBe('not-enrolled');
    });

    it('cover that ended beats billed twice and a wrong amount', () => {
      expect(reconcilePerson(compare(died, [billLine(1, nik, 16_800), billLine(2, nik, 16_800)]))?.kind).toBe('billed-after-cover-ended');
      expect(reconcilePerson(compare(died, [billLine(1, nik, 99_000)]))?.kind).toBe('billed-after-cover-ended');
    });

    it('billed twice beats a wrong amount, even when the lines add up to one premium', () => {
      expect(reconcilePerson(compare(covered, [billLine(1, nik, 20_000), billLine(2, nik, 20_000)]))?.kind).toBe('billed-twice');
      expect(reconcilePerson(compare(covered, [billLine(1, nik, 8_400), billLine(2, nik, 8_400)]))?.kind).toBe('billed-twice');
    });
  });

  it('shows the NIK only masked in every detail', () => {
    const cases: PersonComparison[] = [
      compare(outside, [billLine(1, nik, 16_800)], null),
      compare(outside, [billLine(1, nik, 16_800)], coveredEntry(nik, { coverageStart: '2027-07-01' })),
      compare(covered, []),
      compare(covered, [billLine(1, nik, 1)]),
      compare(died, [billLine(1, nik, 16_800)]),
      compare(removed, [billLine(1, nik, 16_800)]),
      compare(covered, [billLine(1, nik, 16_800), billLine(2, nik, 16_800)]),
    ];
    const found = cases.map(reconcilePerson);
    expect(new Set(found.map((d) => d?.kind))).toEqual(new Set(['not-enrolled', 'not-billed', 'amount-differs', 'billed-after-cover-ended', 'billed-twice']));
    for (const discrepancy of found) {
      expect(discrepancy!.detail).not.toMatch(UNMASKED_NIK);
      expect(discrepancy!.nik).toBe(nik);
    }
    expect(found[0]!.detail).toContain('6471********0101');
  });

  it("holds back in a dispute only what is billed beyond the premium owed, never a covered person's premium", () => {
    const held = (cover: MonthCover, lines: BillLine[]) => amountInDispute(reconcilePerson(compare(cover, lines))!);
    expect(held(outside, [billLine(1, nik, 16_800)])).toBe(16_800);
    expect(held(died, [billLine(1, nik, 16_800)])).toBe(16_800);
    expect(held(covered, [billLine(1, nik, 16_800), billLine(2, nik, 16_800)])).toBe(16_800);
    expect(held(covered, [billLine(1, nik, 17_800)])).toBe(1_000);
    // Billed less than owed: nothing to hold back (the rest is still owed to the insurer).
    expect(held(covered, [billLine(1, nik, 15_000)])).toBe(0);
    expect(held(covered, [])).toBe(0);
  });
});
