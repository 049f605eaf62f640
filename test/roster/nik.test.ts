import { describe, expect, it } from 'vitest';
import { parseNik } from '../../shared/core/people/nik';

const on = '2026-01-01';
const text = { numericCell: false, referenceDate: on };

/** A NIK from its parts: region (4), district (2), DD (day, +40 for women), MM, YY, serial (4). */
function nik(parts: { region?: string; district?: string; dd: string; mm: string; yy: string; serial?: string }): string {
  return `${parts.region ?? '3674'}${parts.district ?? '01'}${parts.dd}${parts.mm}${parts.yy}${parts.serial ?? '0001'}`;
}

describe('parseNik', () => {
  it('reads a man of Kota Tangerang Selatan (3674)', () => {
    expect(parseNik('3674011501800001', text)).toEqual({
      ok: true,
      nik: '3674011501800001',
      regionCode: '3674',
      birthDate: '1980-01-15',
      gender: 'L',
    });
  });

  it('reads a woman: 40 is added to her birth day', () => {
    expect(parseNik(nik({ dd: '55', mm: '01', yy: '80' }), text)).toMatchObject({ ok: true, birthDate: '1980-01-15', gender: 'P' });
    expect(parseNik(nik({ dd: '41', mm: '02', yy: '90' }), text)).toMatchObject({ ok: true, birthDate: '1990-02-01', gender: 'P' });
    expect(parseNik(nik({ dd: '71', mm: '12', yy: '99' }), text)).toMatchObject({ ok: true, birthDate: '1999-12-31', gender: 'P' });
    expect(parseNik(nik({ dd: '31', mm: '12', yy: '99' }), text)).toMatchObject({ ok: true, birthDate: '1999-12-31', gender: 'L' });
  });

  it('resolves the century: 20YY unless that is after the reference date, then 19YY', () => {
    expect(parseNik(nik({ dd: '01', mm: '01', yy: '05' }), text)).toMatchObject({ birthDate: '2005-01-01' });
    // 2026-01-01 is the reference date itself: not after it.
    expect(parseNik(nik({ dd: '01', mm: '01', yy: '26' }), text)).toMatchObject({ birthDate: '2026-01-01' });
    expect(parseNik(nik({ dd: '02', mm: '01', yy: '26' }), text)).toMatchObject({ birthDate: '1926-01-02' });
    expect(parseNik(nik({ dd: '01', mm: '01', yy: '60' }), text)).toMatchObject({ birthDate: '1960-01-01' });
    expect(parseNik(nik({ dd: '01', mm: '01', yy: '05' }), { numericCell: false, referenceDate: '2004-06-30' })).toMatchObject({
      birthDate: '1905-01-01',
    });
  });

  it('validates the date in the resolved century: 29 February 2000, but not 1900', () => {
    expect(parseNik(nik({ dd: '29', mm: '02', yy: '00' }), text)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseNik(nik({ dd: '29', mm: '02', yy: '00' }), { numericCell: false, referenceDate: '1999-12-31' })).toEqual({
      ok: false,
      reason: 'NIK_BIRTH_DATE',
    });
    expect(parseNik(nik({ dd: '29', mm: '02', yy: '84' }), text)).toMatchObject({ ok: true, birthDate: '1984-02-29' });
    expect(parseNik(nik({ dd: '69', mm: '02', yy: '85' }), text)).toEqual({ ok: false, reason: 'NIK_BIRTH_DATE' });
  });

  it.each([
    ['day 00', nik({ dd: '00', mm: '01', yy: '80' })],
    ['day 32', nik({ dd: '32', mm: '01', yy: '80' })],
    ['day 40', nik({ dd: '40', mm: '01', yy: '80' })],
    ['day 72 (a woman born on the 32nd)', nik({ dd: '72', mm: '01', yy: '80' })],
    ['31 April', nik({ dd: '31', mm: '04', yy: '80' })],
    ['month 00', nik({ dd: '01', mm: '00', yy: '80' })],
    ['month 13', nik({ dd: '01', mm: '13', yy: '80' })],
  ])('rejects an impossible birth date: %s', (_, value) => {
    expect(parseNik(value, text)).toEqual({ ok: false, reason: 'NIK_BIRTH_DATE' });
  });

  it('strips spaces, dots, dashes and the apostrophe Excel users type to force text', () => {
    for (const written of ['3674 0115 0180 0001', '3674.01.150180.0001', '3674-01-150180-0001', "'3674011501800001", ' 3674011501800001 ', '3674\u00a0011501800001']) {
      expect(parseNik(written, text)).toMatchObject({ ok: true, nik: '3674011501800001' });
    }
  });

  it('recognises Excel scientific notation before anything else', () => {
    for (const written of ['3.67401E+15', '3,67401E+15', '3.67401e+15', '3.674012E15']) {
      expect(parseNik(written, text)).toEqual({ ok: false, reason: 'NIK_EXCEL_SCIENTIFIC' });
      expect(parseNik(written, { numericCell: true, referenceDate: on })).toEqual({ ok: false, reason: 'NIK_EXCEL_SCIENTIFIC' });
    }
  });

  it('refuses a NIK that was a number in the file: Excel has already lost its 16th digit', () => {
    expect(parseNik('3674011501800000', { numericCell: true, referenceDate: on })).toEqual({ ok: false, reason: 'NIK_EXCEL_NUMBER' });
    expect(parseNik('36740115018000010', { numericCell: true, referenceDate: on })).toEqual({ ok: false, reason: 'NIK_EXCEL_NUMBER' });
    // The same digits as text are fine, and a short number is a plain format error.
    expect(parseNik('3674011501800001', text)).toMatchObject({ ok: true });
    expect(parseNik('367401150180000', { numericCell: true, referenceDate: on })).toMatchObject({ ok: false, reason: 'NIK_FORMAT' });
  });

  it('requires exactly 16 digits', () => {
    expect(parseNik('367401150180001', text)).toEqual({ ok: false, reason: 'NIK_FORMAT', length: 15, digits: 15 });
    expect(parseNik('36740115018000012', text)).toEqual({ ok: false, reason: 'NIK_FORMAT', length: 17, digits: 17 });
    expect(parseNik('3674O11501800001', text)).toEqual({ ok: false, reason: 'NIK_FORMAT', length: 16, digits: 15 });
    expect(parseNik('NIK belum ada', text)).toMatchObject({ ok: false, reason: 'NIK_FORMAT' });
  });

  it('calls an empty cell missing', () => {
    expect(parseNik('', text)).toEqual({ ok: false, reason: 'NIK_MISSING' });
    expect(parseNik('  - ', text)).toEqual({ ok: false, reason: 'NIK_MISSING' });
  });

  it('requires a known province and regency/city', () => {
    expect(parseNik(nik({ region: '3275', dd: '15', mm: '01', yy: '80' }), text)).toMatchObject({ ok: true, regionCode: '3275' });
    expect(parseNik(nik({ region: '3216', dd: '15', mm: '01', yy: '80' }), text)).toMatchObject({ ok: true, regionCode: '3216' });
    expect(parseNik(nik({ region: '3699', dd: '15', mm: '01', yy: '80' }), text)).toEqual({ ok: false, reason: 'NIK_REGION', regionCode: '3699' });
    expect(parseNik(nik({ region: '9901', dd: '15', mm: '01', yy: '80' }), text)).toEqual({ ok: false, reason: 'NIK_REGION', regionCode: '9901' });
    expect(parseNik(nik({ region: '0174', dd: '15', mm: '01', yy: '80' }), text)).toEqual({ ok: false, reason: 'NIK_REGION', regionCode: '0174' });
  });

  it('rejects serial 0000', () => {
    expect(parseNik(nik({ dd: '15', mm: '01', yy: '80', serial: '0000' }), text)).toEqual({ ok: false, reason: 'NIK_SERIAL' });
    expect(parseNik(nik({ dd: '15', mm: '01', yy: '80', serial: '0010' }), text)).toMatchObject({ ok: true });
  });
});
