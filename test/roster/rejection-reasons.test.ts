import { describe, expect, it } from 'vitest';
import {
  REJECTIONS,
  RejectionReason,
  type RowProblem,
  RowProblemSchema,
  describeRejection,
  explainProblem,
  rejectionFix,
} from '../../shared/core/roster/rejection-reasons';

const NIK = '3674011501800001';

/** Parameters for every reason, with a NIK slipped into every string to prove it is masked. */
const samples: { [R in RejectionReason]: Extract<RowProblem, { reason: R }>['params'] } = {
  NIK_MISSING: {},
  NIK_FORMAT: { length: 15, digits: 14 },
  NIK_EXCEL_SCIENTIFIC: { value: '3.67401E+15' },
  NIK_EXCEL_NUMBER: {},
  NIK_REGION: { regionCode: '3699' },
  NIK_BIRTH_DATE: {},
  NIK_SERIAL: {},
  NIK_OUTSIDE_JURISDICTION: {
    nik: NIK,
    regionCode: '3201',
    region: 'Kabupaten Bogor',
    jurisdiction: '3674',
    jurisdictionName: 'Kota Tangerang Selatan',
    policy: 'require',
  },
  NAME_MISSING: {},
  BIRTH_DATE_FORMAT: {},
  BIRTH_DATE_MISMATCH: {},
  BIRTH_DATE_IN_FUTURE: { on: '2027-01-01' },
  GENDER_FORMAT: {},
  GENDER_MISMATCH: {},
  SEGMENT_MISSING: { validCodes: 'KETUA_RT, KETUA_RW' },
  SEGMENT_UNKNOWN: { value: `ketua ${NIK}`, validCodes: 'KETUA_RT, KETUA_RW', expected: 'KETUA_RT' },
  AGE_BELOW_MINIMUM: { age: 17, minAge: 18, maxAge: 65, on: '2026-01-01', segment: 'KETUA_RT' },
  AGE_ABOVE_MAXIMUM: { age: 66, minAge: 18, maxAge: 65, on: '2026-01-01', segment: 'KETUA_RT' },
  DUPLICATE_IN_FILE: { keptRow: 12 },
  DUPLICATE_LOWER_PRIORITY_SEGMENT: { keptSegment: 'KETUA_RT', keptRow: 3 },
  COVERED_BY_OTHER_REGULATION: { otherRegion: '36', otherRegionName: 'Banten', otherType: 'Pergub' },
  COVERED_BY_OTHER_PAYER: { otherRegion: '3674', otherRegionName: 'Kota Tangerang Selatan', otherType: 'Perwal' },
  IDENTITY_CONFLICT: { keptRow: 7, keptName: 'Juju Kurniawan', keptBirthDate: '1980-01-15', keptImport: 'imp-20261121-3f9a2c1b' },
};

describe('the rejection catalogue', () => {
  it('has the codes the checks and the deduplication use', () => {
    expect(RejectionReason.options).toEqual(
      expect.arrayContaining([
        'NIK_MISSING', 'NIK_FORMAT', 'NIK_EXCEL_SCIENTIFIC', 'NIK_EXCEL_NUMBER', 'NIK_REGION', 'NIK_BIRTH_DATE', 'NIK_SERIAL',
        'NAME_MISSING', 'BIRTH_DATE_FORMAT', 'BIRTH_DATE_MISMATCH', 'BIRTH_DATE_IN_FUTURE', 'GENDER_FORMAT', 'GENDER_MISMATCH', 'SEGMENT_MISSING',
        'SEGMENT_UNKNOWN', 'AGE_BELOW_MINIMUM', 'AGE_ABOVE_MAXIMUM', 'DUPLICATE_IN_FILE', 'DUPLICATE_LOWER_PRIORITY_SEGMENT',
        'COVERED_BY_OTHER_REGULATION', 'NIK_OUTSIDE_JURISDICTION', 'IDENTITY_CONFLICT',
      ]),
    );
    expect(Object.keys(REJECTIONS).sort()).toEqual([...RejectionReason.options].sort());
  });

  it.each(RejectionReason.options)('%s has both messages and a fix, none with a full NIK', (reason) => {
    const problem = { reason, field: 'nik', params: samples[reason] } as RowProblem;
    const id = describeRejection(problem, 'id');
    const en = describeRejection(problem, 'en');
    for (const text of [id, en, rejectionFix(reason, 'id'), rejectionFix(reason, 'en')]) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\d{16}/);
      expect(text).not.toMatch(/undefined|\[object|NaN/);
    }
    expect(id).not.toBe(en);
    expect(RowProblemSchema.parse(problem)).toEqual(problem);
  });

  it('puts the parameters into the messages', () => {
    expect(describeRejection({ reason: 'AGE_ABOVE_MAXIMUM', field: 'birthDate', params: samples.AGE_ABOVE_MAXIMUM }, 'id')).toBe(
      'Umur 66 tahun pada 1 Januari 2026 di atas batas segmen KETUA_RT (18–65 tahun).',
    );
    expect(describeRejection({ reason: 'AGE_BELOW_MINIMUM', field: 'birthDate', params: samples.AGE_BELOW_MINIMUM }, 'en')).toBe(
      "Aged 17 on 1 January 2026, below the KETUA_RT segment's range (18–65).",
    );
    const future = { reason: 'BIRTH_DATE_IN_FUTURE', field: 'birthDate', params: samples.BIRTH_DATE_IN_FUTURE } as const;
    expect(describeRejection(future, 'id')).toBe('Tanggal lahir di masa depan: sesudah awal pertanggungan, 1 Januari 2027.');
    expect(describeRejection(future, 'en')).toBe('The birth date is in the future: after cover starts, on 1 January 2027.');
    expect(describeRejection({ reason: 'SEGMENT_UNKNOWN', field: 'segment', params: { value: 'Satpam', validCodes: 'KETUA_RT, MARBOT' } }, 'id')).toBe(
      'Segmen "Satpam" tidak ada dalam peraturan. Segmen yang berlaku: KETUA_RT, MARBOT.',
    );
    expect(
      describeRejection({ reason: 'SEGMENT_UNKNOWN', field: 'segment', params: { value: 'MARBOT', validCodes: 'KETUA_RT, MARBOT', expected: 'KETUA_RT' } }, 'en'),
    ).toContain('"MARBOT" differs from the segment this file is imported for (KETUA_RT)');
    expect(describeRejection({ reason: 'NIK_EXCEL_SCIENTIFIC', field: 'nik', params: { value: '3.67401E+15' } }, 'id')).toContain('3.67401E+15');
    for (const reason of ['NIK_EXCEL_NUMBER', 'NIK_EXCEL_SCIENTIFIC'] as const) {
      const problem = { reason, field: 'nik', params: samples[reason] } as RowProblem;
      expect(describeRejection(problem, 'id')).toMatch(/Teks.*KTP\/KK/);
      expect(describeRejection(problem, 'en')).toMatch(/Text.*KTP\/KK/);
      expect(rejectionFix(reason)).toMatch(/Teks.*KTP\/KK/);
    }
  });

  it('names the region and the jurisdiction, and says whether the row was kept', () => {
    const outside = { reason: 'NIK_OUTSIDE_JURISDICTION', field: 'nik', params: samples.NIK_OUTSIDE_JURISDICTION } as const;
    expect(describeRejection(outside, 'id')).toBe(
      'NIK 3674********0001 terdaftar di Kabupaten Bogor (3201), di luar wilayah peraturan ini (Kota Tangerang Selatan, 3674). ' +
        'Peraturan ini hanya untuk penduduk wilayahnya, jadi baris ini ditolak.',
    );
    expect(describeRejection({ ...outside, params: { ...outside.params, policy: 'warn' } }, 'en')).toMatch(/outside .*\(Kota Tangerang Selatan, 3674\)\. The row is accepted/);
  });

  it('names the entry an identity conflict would have replaced, from an earlier import or the same file', () => {
    const conflict = { reason: 'IDENTITY_CONFLICT', field: 'nik', params: samples.IDENTITY_CONFLICT } as const;
    expect(describeRejection(conflict, 'en')).toBe(
      'This NIK is already on the roster as Juju Kurniawan (born 15 January 1980), from row 7 of import imp-20261121-3f9a2c1b. ' +
        'This row gives another name or birth date, so the existing data is not replaced.',
    );
    expect(describeRejection({ ...conflict, params: { keptRow: 3, keptName: 'Juju', keptBirthDate: '1980-01-15' } }, 'id')).toMatch(
      /^NIK ini sudah dipakai di baris 3 file yang sama atas nama Juju \(lahir 15 Januari 1980\)\./,
    );
    expect(rejectionFix('IDENTITY_CONFLICT', 'en')).toContain('--update-identities');
  });

  it('explains stored problems, however loose', () => {
    expect(explainProblem({ reason: 'DUPLICATE_IN_FILE', field: 'nik', params: { keptRow: 4, keptSegment: 'KETUA_RT', keptRegulation: 'x' } })).toEqual({
      reason: 'DUPLICATE_IN_FILE',
      field: 'nik',
      id: 'NIK ini sudah ada di baris 4 file yang sama; baris itu yang dipakai.',
      en: 'This NIK already appears in row 4 of the same file, which is the one kept.',
      fix: rejectionFix('DUPLICATE_IN_FILE'),
    });
    expect(describeRejection({ reason: 'AGE_BELOW_MINIMUM' }, 'en')).toBe("Aged ? on ?, below the ? segment's range (?–?).");
    expect(describeRejection({ reason: 'SOMETHING_NEW' })).toBe('SOMETHING_NEW');
    expect(rejectionFix('SOMETHING_NEW')).toBe('');
  });
});
