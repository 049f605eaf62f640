import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/core/errors';
import { RegulationInput } from '../../shared/core/regulation/regulation';
import { checkRow, parseGender, type RowCheck, type RowCheckContext } from '../../shared/core/roster/check-row';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import type { RejectionReason } from '../../shared/core/roster/rejection-reasons';
import { RosterPerson } from '../../shared/core/roster/roster-person';
import { tangselRegulation } from '../support/tangsel';

const regulation = RegulationInput.parse(tangselRegulation('perwal-tangsel-check-row'));
const context: RowCheckContext = { regulation, coverageStart: '2026-01-01' };

/** Budi, born 15 January 1980 in Kota Tangerang Selatan. */
const BUDI = '3674011501800001';
/** Siti, born 15 January 1980: 15 + 40 = 55. */
const SITI = '3674015501800002';

function check(values: RawRosterRow['values'], options: { numeric?: RawRosterRow['numeric']; context?: Partial<RowCheckContext> } = {}): RowCheck {
  return checkRow({ row: 7, values, ...(options.numeric ? { numeric: options.numeric } : {}) }, { ...context, ...options.context });
}

function reasons(result: RowCheck): RejectionReason[] {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.person)}`);
  return result.problems.map((p) => p.reason);
}

describe('checkRow', () => {
  it('accepts an eligible person, taking birth date and gender from the NIK', () => {
    const result = check({ nik: BUDI, name: 'Budi Santoso', segment: 'KETUA_RT' });
    expect(result).toEqual({
      ok: true,
      person: { nik: BUDI, name: 'Budi Santoso', birthDate: '1980-01-15', gender: 'L', segment: 'KETUA_RT', row: 7 },
    });
    expect(RosterPerson.parse((result as { person: unknown }).person)).toBeTruthy();
  });

  it('keeps the optional fields and cleans the NIK', () => {
    const result = check({
      nik: "'3674 0155 0180 0002",
      name: ' Siti Aminah ',
      birthDate: '15/01/1980',
      gender: 'Perempuan',
      address: 'Jl. Melati 3',
      kelurahan: 'Pondok Aren',
      kecamatan: 'Pondok Aren',
      phone: '81234567890',
      segment: 'Kader Kesehatan',
    }, { numeric: ['phone'] });
    expect(result).toEqual({
      ok: true,
      person: {
        nik: SITI,
        name: 'Siti Aminah',
        birthDate: '1980-01-15',
        gender: 'P',
        address: 'Jl. Melati 3',
        kelurahan: 'Pondok Aren',
        kecamatan: 'Pondok Aren',
        phone: '081234567890',
        segment: 'KADER_KESEHATAN',
        row: 7,
      },
    });
  });

  it('treats "-" as an empty cell', () => {
    expect(check({ nik: BUDI, name: 'Budi', birthDate: '-', gender: '-', address: '-', segment: 'KETUA_RT' })).toMatchObject({ ok: true });
    expect(reasons(check({ nik: '-', name: '-', segment: 'KETUA_RT' }))).toEqual(['NIK_MISSING', 'NAME_MISSING']);
  });

  it.each([
    ['NIK_MISSING', {}],
    ['NIK_FORMAT', { nik: '367401150180001' }],
    ['NIK_EXCEL_SCIENTIFIC', { nik: '3.67401E+15' }],
    ['NIK_REGION', { nik: '3699011501800001' }],
    ['NIK_BIRTH_DATE', { nik: '3674013501800001' }],
    ['NIK_SERIAL', { nik: '3674011501800000' }],
  ] as const)('rejects %s and reports the row', (reason, values) => {
    const result = check({ name: 'Budi', segment: 'KETUA_RT', ...values });
    expect(result).toMatchObject({ ok: false, row: 7, segment: 'KETUA_RT', problems: [{ reason, field: 'nik' }] });
  });

  it('rejects NIK_EXCEL_NUMBER for a NIK cell that was a number', () => {
    const result = check({ nik: '3674011501800000', name: 'Budi', segment: 'KETUA_RT' }, { numeric: ['nik'] });
    expect(result).toMatchObject({ ok: false, problems: [{ reason: 'NIK_EXCEL_NUMBER', field: 'nik', params: {} }] });
  });

  it('gives the message parameters of NIK problems, never the NIK', () => {
    expect(check({ nik: '3674O11501800001', name: 'B', segment: 'KETUA_RT' })).toMatchObject({
      problems: [{ reason: 'NIK_FORMAT', params: { length: 16, digits: 15 } }],
    });
    expect(check({ nik: '3699011501800001', name: 'B', segment: 'KETUA_RT' })).toMatchObject({
      problems: [{ reason: 'NIK_REGION', params: { regionCode: '3699' } }],
    });
    expect(check({ nik: '3,67401E+15', name: 'B', segment: 'KETUA_RT' })).toMatchObject({
      problems: [{ reason: 'NIK_EXCEL_SCIENTIFIC', params: { value: '3,67401E+15' } }],
    });
  });

  it('requires a name', () => {
    expect(check({ nik: BUDI, segment: 'KETUA_RT' })).toMatchObject({ ok: false, problems: [{ reason: 'NAME_MISSING', field: 'name' }] });
  });

  it('checks a given birth date against the NIK', () => {
    expect(reasons(check({ nik: BUDI, name: 'B', birthDate: '1980-13-01', segment: 'KETUA_RT' }))).toEqual(['BIRTH_DATE_FORMAT']);
    expect(reasons(check({ nik: BUDI, name: 'B', birthDate: '16/01/1980', segment: 'KETUA_RT' }))).toEqual(['BIRTH_DATE_MISMATCH']);
    expect(check({ nik: BUDI, name: 'B', birthDate: '16/01/1980', segment: 'KETUA_RT' })).toMatchObject({
      problems: [{ reason: 'BIRTH_DATE_MISMATCH', field: 'birthDate', params: {} }],
    });
    // An Excel date serial in a numeric cell, and an XLSX date cell's text.
    expect(check({ nik: '3674010101800001', name: 'B', birthDate: '29221', segment: 'KETUA_RT' }, { numeric: ['birthDate'] })).toMatchObject({
      ok: true,
      person: { birthDate: '1980-01-01' },
    });
    expect(check({ nik: SITI, name: 'S', birthDate: '1980-01-15', segment: 'KETUA_RT' })).toMatchObject({ ok: true });
  });

  it("takes the century from the row's birth date when its DDMMYY is the NIK's", () => {
    // YY=25 alone reads as 2025 (a baby); the row says 1925, which is too old for the window.
    const nik = '3674011503250001';
    expect(check({ nik, name: 'B', segment: 'KETUA_RT' })).toMatchObject({ problems: [{ reason: 'AGE_BELOW_MINIMUM', params: { age: 0 } }] });
    expect(check({ nik, name: 'B', birthDate: '15/03/1925', segment: 'KETUA_RT' })).toMatchObject({
      problems: [{ reason: 'AGE_ABOVE_MAXIMUM', params: { age: 100 } }],
    });
  });

  it('rejects a birth date after the coverage start as in the future, not as a negative age', () => {
    // The NIK's YY=98 agrees with a row that says 2098: the row's century wins, and it is wrong.
    const nik = '3674011503980001';
    const future = check({ nik, name: 'B', birthDate: '15/03/2098', segment: 'KETUA_RT' });
    expect(future).toMatchObject({ ok: false, problems: [{ reason: 'BIRTH_DATE_IN_FUTURE', field: 'birthDate', params: { on: '2026-01-01' } }] });
    expect(reasons(future)).toEqual(['BIRTH_DATE_IN_FUTURE']);
    // Without a segment to judge the age by, it is still a problem of its own.
    expect(reasons(check({ nik, name: 'B', birthDate: '15/03/2098', segment: 'SATPAM' }))).toEqual(['SEGMENT_UNKNOWN', 'BIRTH_DATE_IN_FUTURE']);
    // Born on the coverage start: age 0, below the window, not in the future.
    expect(reasons(check({ nik: '3674010101260001', name: 'B', birthDate: '01/01/2026', segment: 'KETUA_RT' }))).toEqual(['AGE_BELOW_MINIMUM']);
  });

  it('checks a given gender against the NIK', () => {
    expect(reasons(check({ nik: BUDI, name: 'B', gender: 'X', segment: 'KETUA_RT' }))).toEqual(['GENDER_FORMAT']);
    expect(reasons(check({ nik: BUDI, name: 'B', gender: 'P', segment: 'KETUA_RT' }))).toEqual(['GENDER_MISMATCH']);
    expect(reasons(check({ nik: SITI, name: 'S', gender: 'Laki-laki', segment: 'KETUA_RT' }))).toEqual(['GENDER_MISMATCH']);
    expect(check({ nik: SITI, name: 'S', gender: 'wanita', segment: 'KETUA_RT' })).toMatchObject({ ok: true, person: { gender: 'P' } });
  });

  it('reads the usual ways of writing a gender', () => {
    for (const text of ['L', 'l', 'Laki-laki', 'LAKI-LAKI', 'Laki Laki', 'Laki2', 'Lk', 'Pria', 'M', 'Male', '1']) expect([text, parseGender(text)]).toEqual([text, 'L']);
    for (const text of ['P', 'p', 'Perempuan', 'PEREMPUAN', 'Pr', 'Wanita', 'W', 'F', 'Female', '2']) expect([text, parseGender(text)]).toEqual([text, 'P']);
    for (const text of ['X', 'LP', 'Laki-laki/Perempuan', '3', '']) expect([text, parseGender(text)]).toEqual([text, undefined]);
  });

  describe('segment', () => {
    it('matches a segment code or name, ignoring case, spaces and punctuation', () => {
      for (const text of ['KETUA_RT', 'ketua_rt', 'Ketua RT', ' ketua  rt ', 'KETUA-RT']) {
        expect(check({ nik: BUDI, name: 'B', segment: text })).toMatchObject({ ok: true, person: { segment: 'KETUA_RT' } });
      }
      expect(check({ nik: BUDI, name: 'B', segment: 'marbot masjid' })).toMatchObject({ ok: true, person: { segment: 'MARBOT' } });
      expect(check({ nik: BUDI, name: 'B', segment: 'Marbot' })).toMatchObject({ ok: true, person: { segment: 'MARBOT' } });
    });

    it('reports a missing segment with the valid codes', () => {
      expect(check({ nik: BUDI, name: 'B' })).toEqual({
        ok: false,
        row: 7,
        problems: [{ reason: 'SEGMENT_MISSING', field: 'segment', params: { validCodes: 'KETUA_RT, KETUA_RW, GURU_MENGAJI, MARBOT, AMIL_JENAZAH, KADER_KESEHATAN' } }],
      });
    });

    it('reports an unknown segment with the valid codes', () => {
      expect(check({ nik: BUDI, name: 'B', segment: 'Satpam' })).toEqual({
        ok: false,
        row: 7,
        problems: [
          { reason: 'SEGMENT_UNKNOWN', field: 'segment', params: { value: 'Satpam', validCodes: 'KETUA_RT, KETUA_RW, GURU_MENGAJI, MARBOT, AMIL_JENAZAH, KADER_KESEHATAN' } },
        ],
      });
    });

    it('takes --segment for a one-file-per-segment import, and reports a contradicting segment cell', () => {
      const perSegment = { context: { segmentCode: 'MARBOT' } };
      expect(check({ nik: BUDI, name: 'B' }, perSegment)).toMatchObject({ ok: true, person: { segment: 'MARBOT' } });
      expect(check({ nik: BUDI, name: 'B', segment: 'Marbot Masjid' }, perSegment)).toMatchObject({ ok: true, person: { segment: 'MARBOT' } });
      expect(check({ nik: BUDI, name: 'B', segment: 'Ketua RT' }, perSegment)).toMatchObject({
        ok: false,
        segment: 'MARBOT',
        problems: [{ reason: 'SEGMENT_UNKNOWN', params: { value: 'Ketua RT', expected: 'MARBOT' } }],
      });
    });

    it('refuses a --segment the regulation does not have', () => {
      expect(() => check({ nik: BUDI, name: 'B' }, { context: { segmentCode: 'SATPAM' } })).toThrow(InvalidInputError);
    });
  });

  describe('age window, inclusive at both ends, on the coverage start', () => {
    // Window 18..65 on 2026-01-01.
    it.each([
      ['18 today', '3674010101080001', true],
      ['18 tomorrow', '3674010201080001', 'AGE_BELOW_MINIMUM'],
      ['65, 66 tomorrow', '3674010201600001', true],
      ['66 today', '3674010101600001', 'AGE_ABOVE_MAXIMUM'],
    ] as const)('%s', (_, nik, outcome) => {
      const result = check({ nik, name: 'B', segment: 'KETUA_RT' });
      if (outcome === true) expect(result.ok).toBe(true);
      else expect(reasons(result)).toEqual([outcome]);
    });

    it('names the age, the window and the date', () => {
      expect(check({ nik: '3674010101600001', name: 'B', segment: 'KETUA_RT' })).toMatchObject({
        problems: [{ reason: 'AGE_ABOVE_MAXIMUM', field: 'birthDate', params: { age: 66, minAge: 18, maxAge: 65, on: '2026-01-01', segment: 'KETUA_RT' } }],
      });
    });

    it("uses each segment's own window", () => {
      const narrow = RegulationInput.parse({
        ...regulation,
        segments: [{ ...regulation.segments[0], eligibility: { minAge: 30, maxAge: 40 } }],
      });
      const result = check({ nik: BUDI, name: 'B', segment: 'KETUA_RT' }, { context: { regulation: narrow } });
      expect(result).toMatchObject({ problems: [{ reason: 'AGE_ABOVE_MAXIMUM', params: { age: 45, minAge: 30, maxAge: 40 } }] });
    });
  });

  describe('residency', () => {
    /** Born 15 January 1980 in Kabupaten Bogor (3201), Jawa Barat. */
    const BOGOR = '3201011501800003';
    /** Born 15 January 1980 in Kabupaten Tangerang (3603), Banten: Tangsel's province. */
    const KAB_TANGERANG = '3603011501800004';
    const under = (residency: RegulationInput['residency'], jurisdiction = '3674') =>
      ({ context: { regulation: RegulationInput.parse({ ...regulation, jurisdiction, residency }) } }) as const;

    it('warns by default about a NIK from outside the jurisdiction, and accepts the row', () => {
      const result = check({ nik: BOGOR, name: 'Dari Bogor', segment: 'KETUA_RT' });
      expect(result).toMatchObject({ ok: true, person: { nik: BOGOR } });
      expect(result.ok && result.warnings).toEqual([
        {
          reason: 'NIK_OUTSIDE_JURISDICTION',
          field: 'nik',
          params: {
            nik: '3201********0003',
            regionCode: '3201',
            region: 'Kabupaten Bogor',
            jurisdiction: '3674',
            jurisdictionName: 'Kota Tangerang Selatan',
            policy: 'warn',
          },
        },
      ]);
      expect(check({ nik: BOGOR, name: 'Dari Bogor', segment: 'KETUA_RT' }, under('warn'))).toEqual(result);
    });

    it('rejects it under residency: require, with the other problems of the row', () => {
      const result = check({ nik: BOGOR, segment: 'KETUA_RT' }, under('require'));
      expect(reasons(result)).toEqual(['NIK_OUTSIDE_JURISDICTION', 'NAME_MISSING']);
      expect(result).toMatchObject({ problems: [{ params: { policy: 'require', region: 'Kabupaten Bogor' } }, { reason: 'NAME_MISSING' }] });
    });

    it('says nothing under residency: ignore, nor about a NIK of the jurisdiction', () => {
      expect(check({ nik: BOGOR, name: 'Dari Bogor', segment: 'KETUA_RT' }, under('ignore'))).not.toHaveProperty('warnings');
      expect(check({ nik: BUDI, name: 'Budi', segment: 'KETUA_RT' }, under('require'))).not.toHaveProperty('warnings');
    });

    it("lets a province's regulation cover every regency of the province", () => {
      expect(check({ nik: KAB_TANGERANG, name: 'Banten', segment: 'KETUA_RT' }, under('require', '36'))).not.toHaveProperty('warnings');
      expect(check({ nik: BUDI, name: 'Banten', segment: 'KETUA_RT' }, under('require', '36')).ok).toBe(true);
      expect(reasons(check({ nik: BOGOR, name: 'Jawa Barat', segment: 'KETUA_RT' }, under('require', '36')))).toEqual(['NIK_OUTSIDE_JURISDICTION']);
      expect(reasons(check({ nik: KAB_TANGERANG, name: 'Banten', segment: 'KETUA_RT' }, under('require')))).toEqual(['NIK_OUTSIDE_JURISDICTION']);
    });
  });

  it('reports every problem of a row at once', () => {
    const result = check({ nik: BUDI, birthDate: 'kemarin', gender: 'P', segment: 'Satpam' });
    expect(reasons(result)).toEqual(['NAME_MISSING', 'BIRTH_DATE_FORMAT', 'GENDER_MISMATCH', 'SEGMENT_UNKNOWN']);
  });

  it('skips the NIK-derived checks after a NIK problem, but not the others', () => {
    const result = check({ nik: '3674011501800000', birthDate: '15/01/2020', gender: 'Perempuan', segment: 'KETUA_RT' });
    // No BIRTH_DATE_MISMATCH or GENDER_MISMATCH; the age still comes from the row's birth date.
    expect(reasons(result)).toEqual(['NIK_SERIAL', 'NAME_MISSING', 'AGE_BELOW_MINIMUM']);
  });

  it('never puts the NIK in a problem', () => {
    const results = [
      check({ nik: BUDI, name: 'B', segment: BUDI }),
      check({ nik: BUDI, name: 'B', segment: BUDI }, { context: { segmentCode: 'MARBOT' } }),
      check({ nik: `${BUDI}9`, name: 'B', segment: 'KETUA_RT' }),
      check({ nik: BUDI, name: 'B', gender: BUDI, birthDate: BUDI, segment: 'KETUA_RT' }),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      // The segment cell is echoed as `value`: that is the office's own cell, masked when shown.
      const { problems } = result as Extract<RowCheck, { ok: false }>;
      for (const p of problems) if (p.reason !== 'SEGMENT_UNKNOWN') expect(JSON.stringify(p)).not.toContain(BUDI);
    }
  });

  it('checks 100,000 valid rows in well under 3 seconds', () => {
    const rows: RawRosterRow[] = [];
    const segments = ['KETUA_RT', 'Ketua RW', 'guru mengaji', 'MARBOT'];
    for (let i = 0; i < 100_000; i++) {
      const day = 1 + (i % 28);
      const female = i % 2 === 1;
      const dd = String(female ? day + 40 : day).padStart(2, '0');
      const mm = String(1 + (i % 12)).padStart(2, '0');
      const yy = String(62 + (i % 37)); // born 1962..1998: 18..65 on 2026-01-01
      const nik = `367401${dd}${mm}${yy}${String(1 + (i % 9999)).padStart(4, '0')}`;
      rows.push({
        row: i + 2,
        values: {
          nik,
          name: `Peserta ${i}`,
          birthDate: `${String(day).padStart(2, '0')}/${mm}/19${yy}`,
          gender: female ? 'P' : 'L',
          segment: segments[i % segments.length]!,
          phone: '081234567890',
        },
      });
    }
    const started = performance.now();
    let accepted = 0;
    for (const row of rows) if (checkRow(row, context).ok) accepted++;
    const elapsed = performance.now() - started;
    expect(accepted).toBe(rows.length);
    expect(elapsed).toBeLessThan(3_000);
  });
});
