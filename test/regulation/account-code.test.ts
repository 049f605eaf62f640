import { describe, expect, it } from 'vitest';
import { legalBasisTitle } from '../../shared/core/regulation/legal-basis-title';
import { RegulationInput } from '../../shared/core/regulation/regulation';
import { tangselRegulation } from '../support/tangsel';

describe("a regulation's APBD account (kode rekening)", () => {
  const tangsel = tangselRegulation('perwal-account-code');

  it('is read from the example as text, dots and leading zeros kept', () => {
    expect(RegulationInput.parse(tangsel).accountCode).toBe('5.1.02.01.01.0004');
  });

  it('is optional', () => {
    const { accountCode: _, ...without } = tangsel;
    expect(RegulationInput.safeParse(without).success).toBe(true);
  });

  it.each(['5.1.2.1.1.4', '5.1.02.01.01', '4.1.02.01.01.0004', '5102010100004', '5.1.02.01.01.0004x', 'x'])('refuses %j, saying what a kode rekening looks like', (accountCode) => {
    const parsed = RegulationInput.safeParse({ ...tangsel, accountCode });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['accountCode'], message: expect.stringContaining('5.1.02.01.01.0004') });
  });
});

describe('the legal basis as documents cite it', () => {
  it.each([
    ['Perwal', '3674', 'Peraturan Wali Kota Tangerang Selatan Nomor 25 Tahun 2019'],
    ['Perbup', '6409', 'Peraturan Bupati Penajam Paser Utara Nomor 25 Tahun 2019'],
    ['Pergub', '64', 'Peraturan Gubernur Kalimantan Timur Nomor 25 Tahun 2019'],
    ['Perda', '3603', 'Peraturan Daerah Kabupaten Tangerang Nomor 25 Tahun 2019'],
  ] as const)('%s of %s: %s', (type, jurisdiction, title) => {
    expect(legalBasisTitle({ legalBasis: { type, number: '25', year: 2019 }, jurisdiction })).toBe(title);
  });
});
