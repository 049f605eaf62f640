import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { readRosterFile } from '../../shared/documents/roster-file/read-roster-file';
import type { RosterHeader } from '../../shared/documents/roster-file/roster-header';
import { OFFICE_TITLE, officeRosterXlsx, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');

describe('npx lindung roster import', () => {
  it('imports a roster with progress lines and prints the per-segment summary', async () => {
    const admin = await tokenFor('admin', 'ani');
    const regulation = tangselRegulation('perwal-roster-cli');
    await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-roster-')), 'roster.csv');
    await writeSyntheticRoster(file, {
      segments: { KETUA_RT: 40, KETUA_RW: 10, KADER_KESEHATAN: 50 },
      regionCode: '3674',
      badShare: 0,
      duplicatesAcrossSegments: 3,
      appendBadRows: 2,
    });
    const env = { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin };
    const { stdout, stderr } = await run(lindungBin, ['roster', 'import', '--regulation', regulation.id, '--file', file, '--coverage-start', '2027-01-01'], { env });
    expect(stderr).toMatch(/uploading: \d+\/102/);
    expect(stderr).toMatch(/processing: 102\/102 \(100%\)/);
    expect(stdout).toContain(': completed');
    expect(stdout).toContain('97 accepted, 5 rejected');
    expect(stdout).toMatch(/KADER_KESEHATAN\s+received\s+52\s+accepted\s+47\s+rejected: .*DUPLICATE_LOWER_PRIORITY_SEGMENT 3/);

    const summary = await run(lindungBin, ['--json', 'roster', 'summary', '--regulation', regulation.id, '--year', '2027'], { env });
    expect(JSON.parse(summary.stdout)).toMatchObject({ total: 97, segments: { KETUA_RT: 40, KETUA_RW: 10, KADER_KESEHATAN: 47 } });
  });

  it('reports rows with warnings, writes them with --warnings, and updates identities with --update-identities', async () => {
    const admin = await tokenFor('admin', 'ani');
    const regulation = tangselRegulation('perwal-roster-cli-identity');
    await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation });
    const env = { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin };
    const juju = tangselNik('1981-02-03', 'L', 1301);
    const bogor = `3201${tangselNik('1981-02-03', 'L', 1302).slice(4)}`;
    const importFile = (file: string, ...flags: string[]) =>
      run(lindungBin, ['roster', 'import', '--regulation', regulation.id, '--file', file, '--coverage-start', '2027-01-01', ...flags], { env });

    const first = await importFile(rosterCsv([personRow(juju, 'Juju Kurniawan', '1981-02-03', 'L', 'KETUA_RT'), personRow(bogor, 'Warga Bogor', '1981-02-03', 'L', 'KETUA_RT')]));
    expect(first.stdout).toContain('2 accepted, 0 rejected, 1 with a warning');
    const importId = /Import (imp-[a-z0-9-]+)/.exec(first.stdout)![1]!;
    expect(first.stdout).toContain(`npx lindung roster rejections ${importId} --warnings -o peringatan.xlsx`);
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-warnings-')), 'peringatan.csv');
    const written = await run(lindungBin, ['roster', 'rejections', importId, '--warnings', '-o', report], { env });
    expect(written.stdout).toContain('Wrote 1 rows with warnings');
    const lines = readFileSync(report, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('NIK_OUTSIDE_JURISDICTION');

    const imas = rosterCsv([personRow(juju, 'Imas Masitoh', '1981-02-03', 'L', 'KETUA_RT')]);
    expect((await importFile(imas)).stdout).toContain('0 accepted, 1 rejected');
    expect((await importFile(imas, '--update-identities')).stdout).toContain('1 accepted, 0 rejected');
  });

  it('says what is wrong with a file that cannot be imported', async () => {
    const env = { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: await tokenFor('admin') };
    const failure = await run(lindungBin, ['roster', 'import', '--regulation', 'perwal-roster-cli', '--file', '/etc/hostname'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/hostname cannot be imported: .*NIK/);
  });
});

describe('npx lindung roster template', () => {
  it("writes the regulation's template, and an import says which row it took as the header", async () => {
    const admin = await tokenFor('admin', 'ani');
    const regulation = tangselRegulation('perwal-roster-cli-template');
    await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation });
    const env = { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-template-'));

    const template = path.join(dir, 'templat.xlsx');
    const written = await run(lindungBin, ['roster', 'template', '--regulation', regulation.id, '-o', template], { env });
    expect(written.stdout).toContain(`Wrote the roster template of ${regulation.id} to ${template}`);
    let header: RosterHeader | undefined;
    for await (const _ of readRosterFile(template, (found) => (header = found)));
    expect(header?.columns.fields.map((f) => f.header)).toEqual(['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Kelurahan', 'Kecamatan', 'No HP', 'Segmen']);

    const wrongName = await run(lindungBin, ['roster', 'template', '--regulation', regulation.id, '-o', path.join(dir, 'templat.csv')], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(wrongName).toMatchObject({ code: 2, stderr: expect.stringContaining('Name the template .xlsx') });

    const office = officeRosterXlsx(path.join(dir, 'daftar.xlsx'), [
      personRow(tangselNik('1982-03-04', 'L', 1611), 'Asep Kantor', '1982-03-04', 'L', 'KETUA_RT'),
      personRow(tangselNik('1983-04-05', 'P', 1612), 'Euis Kantor', '1983-04-05', 'P', 'KETUA_RT'),
    ]);
    const imported = await run(lindungBin, ['roster', 'import', '--regulation', regulation.id, '--file', office, '--coverage-start', '2027-01-01'], { env });
    expect(imported.stderr).toContain(`Header row: row 4 (under the title '${OFFICE_TITLE[0]}')`);
    expect(imported.stdout).toContain('2 accepted, 0 rejected');
  });
});
