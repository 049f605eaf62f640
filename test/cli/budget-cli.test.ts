import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');

describe('npx lindung budget', () => {
  it('proposes as admin, decides as finance, and writes the budget document as HTML, CSV and XLSX', async () => {
    const admin = await tokenFor('admin', 'ani');
    const finance = await tokenFor('finance', 'siti');
    const regulation = tangselRegulation('perwal-budget-cli');
    await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-budget-cli-'));
    await writeSyntheticRoster(path.join(dir, 'roster.csv'), { segments: { KETUA_RT: 20, MARBOT: 5 }, regionCode: '3674', badShare: 0, seed: 9 });
    await importRoster(regulation.id, path.join(dir, 'roster.csv'));

    const as = (token: string) => ({ env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: token } });
    const proposed = await run(lindungBin, ['--json', 'budget', 'propose', '--regulation', regulation.id, '--year', '2027'], as(admin));
    const proposal = JSON.parse(proposed.stdout);
    expect(proposal).toMatchObject({ status: 'pending-decision', total: 25 * 16_800 * 12 });

    const decided = await run(lindungBin, ['budget', 'decide', proposal.proposalId, '--approve', '--notes', 'Sesuai DPA'], as(finance));
    expect(decided.stdout).toContain(': approved');
    expect(decided.stdout).toContain('approve by siti');
    expect(decided.stdout).toContain('approved Rp5.040.000');

    const html = path.join(dir, 'anggaran.html');
    await run(lindungBin, ['budget', 'show', proposal.proposalId, '-o', html], as(finance));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Rp5.040.000');
    expect(page).toContain(proposal.snapshot.hash);

    for (const format of ['csv', 'xlsx']) {
      const file = path.join(dir, `anggaran.${format}`);
      await run(lindungBin, ['budget', 'show', proposal.proposalId, '-o', file], as(finance));
      const rows: string[][] = [];
      for await (const row of readSpreadsheet(file)) rows.push(row.cells.map((c) => c.text));
      expect(rows.find((r) => r[0] === 'TOTAL')).toEqual(expect.arrayContaining(['25', '5040000']));
    }

    const refused = await run(lindungBin, ['budget', 'decide', proposal.proposalId, '--approve'], as(admin)).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('Rejected (403)');
  }, 60_000);
});
