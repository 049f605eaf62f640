import { describe, expect, it } from 'vitest';
import { terbilang, terbilangRupiah } from '../../shared/core/money/terbilang';

describe('terbilang: amounts in Indonesian words', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [15, 'lima belas'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [110, 'seratus sepuluh'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1_000, 'seribu'],
    [1_001, 'seribu satu'],
    [2_000, 'dua ribu'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [1_000_000, 'satu juta'],
    [1_001_000, 'satu juta seribu'],
    [16_800, 'enam belas ribu delapan ratus'],
    [2_606_284_800, 'dua miliar enam ratus enam juta dua ratus delapan puluh empat ribu delapan ratus'],
    [1_000_000_000_000, 'satu triliun'],
    [1_000_000_000_001, 'satu triliun satu'],
    [-5_000, 'minus lima ribu'],
  ])('%d is "%s"', (amount, words) => {
    expect(terbilang(amount)).toBe(words);
  });

  it('ends an amount of money with "rupiah"', () => {
    expect(terbilangRupiah(2_606_284_800)).toBe('dua miliar enam ratus enam juta dua ratus delapan puluh empat ribu delapan ratus rupiah');
    expect(terbilangRupiah(0)).toBe('nol rupiah');
  });

  it('spells the largest safe integer, and refuses what it cannot spell exactly', () => {
    expect(terbilang(Number.MAX_SAFE_INTEGER)).toMatch(/^sembilan kuadriliun tujuh triliun .* sembilan puluh satu$/);
    expect(() => terbilang(1.5)).toThrow();
    expect(() => terbilang(Number.MAX_SAFE_INTEGER + 1)).toThrow();
  });
});
