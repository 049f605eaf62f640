import { describe, expect, it } from 'vitest';
import { formatRupiah, multiplyRupiah } from '../../shared/core/money/rupiah';

describe('rupiah', () => {
  it('formats with Indonesian thousands separators', () => {
    expect(formatRupiah(2_606_284_800)).toBe('Rp2.606.284.800');
    expect(formatRupiah(16_800)).toBe('Rp16.800');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(-500)).toBe('-Rp500');
  });

  it('refuses fractions of a rupiah', () => {
    expect(() => formatRupiah(1.5)).toThrow('not a whole number');
  });

  it('multiplies headcount × premium × months exactly, and refuses unsafe products', () => {
    expect(multiplyRupiah(12_928, 16_800, 12)).toBe(2_606_284_800);
    expect(() => multiplyRupiah(2 ** 40, 2 ** 20)).toThrow('not a safe whole number');
  });
});
