import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/core/errors';
import { parseRupiah } from '../../shared/core/money/rupiah-text';

describe('parseRupiah', () => {
  it('reads digits, Indonesian thousands grouping, and what formatRupiah prints', () => {
    expect(parseRupiah('1500000')).toBe(1_500_000);
    expect(parseRupiah('1.500.000')).toBe(1_500_000);
    expect(parseRupiah('Rp1.500.000')).toBe(1_500_000);
    expect(parseRupiah('Rp 1.500.000')).toBe(1_500_000);
    expect(parseRupiah(' rp2.606.284.800 ')).toBe(2_606_284_800);
    expect(parseRupiah('999')).toBe(999);
    expect(parseRupiah('0')).toBe(0);
  });

  it.each(['1.5', '1,5', 'Rp 1.000.000,50', '1.50.000', '1.500.0000', '1,500,000', '1500.000', '', ' ', '-5', 'abc', 'Rp', '1 500 000', '99999999999999999999'])(
    'refuses %j with an example of what it accepts',
    (text) => {
      expect(() => parseRupiah(text)).toThrow(
        expect.objectContaining({
          constructor: InvalidInputError,
          message: `"${text}" is not a whole number of rupiah`,
          issues: [expect.objectContaining({ message: expect.stringContaining('(1.500.000)') })],
        }),
      );
    },
  );
});
