import { describe, expect, it } from 'vitest';
import { onOtherPayer, otherPayerReason } from '../../shared/core/roster/other-payer';
import { api } from '../support/api';
import { tokenWithRoles } from '../support/budget';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/**
 * Penajam Paser Utara: the regency (6409, a Perbup) and its province, Kalimantan Timur (64, a
 * Pergub), pay for two parts of one population. A person on both rosters for a year is covered
 * once, and each office is told about the other payer by region and regulation type only.
 */
const RUN = Date.now().toString(36);

describe('a person another payer covers', () => {
  it('defaults to reject for a regency or city and warn for a province; a regulation may choose', () => {
    expect(onOtherPayer({ jurisdiction: '6409' })).toBe('reject');
    expect(onOtherPayer({ jurisdiction: '64' })).toBe('warn');
    expect(onOtherPayer({ jurisdiction: '64', onOtherPayer: 'reject' })).toBe('reject');
    expect(otherPayerReason({ jurisdiction: '6409', onOtherPayer: 'warn' })).toBe('COVERED_BY_OTHER_PAYER');
  });

  it('is reported to the regency as a rejection and to the province as a notice, naming only the other region and regulation type', async () => {
    const province = await tokenWithRoles(`admin-kaltim-${RUN}`, ['admin'], '64');
    const regency = await tokenWithRoles(`admin-ppu-${RUN}`, ['admin'], '6409');
    const pergub = { ...tangselRegulation(`pergub-kaltim-${RUN}`), jurisdiction: '64', legalBasis: { type: 'Pergub' as const, number: '7', year: 2024 }, residency: 'ignore' as const };
    const perbup = { ...tangselRegulation(`perbup-ppu-${RUN}`), jurisdiction: '6409', legalBasis: { type: 'Perbup' as const, number: '12', year: 2022 }, residency: 'ignore' as const };
    expect((await api('PUT', `/regulations/${pergub.id}`, { token: province, body: pergub })).status).toBe(200);
    expect((await api('PUT', `/regulations/${perbup.id}`, { token: regency, body: perbup })).status).toBe(200);

    const ppu = (birth: string, serial: number) => tangselNik(birth, 'L', serial).replace(/^3674/, '6409');
    const byProvince = ppu('1981-03-04', 9801);
    const byRegency = ppu('1982-05-06', 9802);
    const row = (nik: string, birth: string) => personRow(nik, 'Pekerja Rentan', birth, 'L', 'KETUA_RT');
    expect(await importRoster(pergub.id, rosterCsv([row(byProvince, '1981-03-04')]), { region: '64' })).toMatchObject({ accepted: 1 });
    expect(await importRoster(perbup.id, rosterCsv([row(byRegency, '1982-05-06')]), { region: '6409' })).toMatchObject({ accepted: 1 });

    // The regency lists someone the province covers: rejected, to act on.
    const regencyImport = await importRoster(perbup.id, rosterCsv([row(byProvince, '1981-03-04')]), { region: '6409' });
    expect(regencyImport.segments.KETUA_RT?.rejected).toEqual({ COVERED_BY_OTHER_REGULATION: 1 });
    const regencyReport = await api('GET', `/imports/${regencyImport.importId}/rejections`, { token: regency });
    const [regencyProblem] = regencyReport.body.rows[0].problems;
    expect(regencyProblem.id).toBe('Orang ini sudah dilindungi untuk tahun yang sama oleh pembayar lain: Pergub 64 Kalimantan Timur.');
    expect(regencyProblem.en).toBe('This person is already covered for the same year by another payer: Pergub 64 Kalimantan Timur.');
    expect(JSON.stringify(regencyReport.body)).not.toContain(pergub.id);

    // The province lists someone the regency covers: a notice that needs no action.
    const provinceImport = await importRoster(pergub.id, rosterCsv([row(byRegency, '1982-05-06')]), { region: '64' });
    expect(provinceImport.segments.KETUA_RT?.rejected).toEqual({ COVERED_BY_OTHER_PAYER: 1 });
    const provinceReport = await api('GET', `/imports/${provinceImport.importId}/rejections`, { token: province });
    const [provinceProblem] = provinceReport.body.rows[0].problems;
    expect(provinceProblem.id).toContain('Perbup 6409 Kabupaten Penajam Paser Utara');
    expect(provinceProblem.fix).toContain('Tidak perlu tindakan');
    expect(JSON.stringify(provinceReport.body)).not.toContain(perbup.id);

    // Each stays covered once, by the payer that listed them first.
    const roster = async (id: string, token: string) => (await api('GET', `/regulations/${id}/roster?year=2027`, { token })).body.total;
    expect([await roster(pergub.id, province), await roster(perbup.id, regency)]).toEqual([1, 1]);
  }, 120_000);
});
