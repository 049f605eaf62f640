import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { tokenFor } from '../support/api';
import { approvedProposal } from '../support/enrollment';

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');

describe('npx lindung enroll', () => {
  it('starts a run and follows it, gives its counts as JSON, and exports the people with their KPJ numbers', async () => {
    const proposal = await approvedProposal('enroll-cli', { KETUA_RT: 30, KADER_KESEHATAN: 12 }, { regionCode: '3604', seed: 601 });
    const as = (token: string) => ({ env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: token } });
    const admin = as(await tokenFor('admin', 'ani'));

    const started = await run(lindungBin, ['enroll', 'start', '--proposal', proposal.proposalId, '--wait'], admin);
    expect(started.stdout).toContain(': completed (attempt 1)');
    expect(started.stdout).toContain('planned 42  enrolled 42  failed 0  skipped 0  remaining 0');
    expect(started.stderr).toMatch(/enrolling: 42\/42/);
    const runId = started.stdout.split(/\s+/)[0]!;

    const status = JSON.parse((await run(lindungBin, ['--json', 'enroll', 'status', runId], as(await tokenFor('auditor', 'budi')))).stdout);
    expect(status.counts).toEqual({ planned: 42, enrolled: 42, failed: 0, skipped: 0, remaining: 0 });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-enroll-cli-'));
    for (const format of ['csv', 'xlsx']) {
      const file = path.join(dir, `peserta.${format}`);
      const exported = await run(lindungBin, ['enroll', 'export', runId, '-o', file], admin);
      expect(exported.stdout).toContain(`42 enrolled people written to ${file}`);
      const rows: string[][] = [];
      for await (const row of readSpreadsheet(file)) rows.push(row.cells.map((c) => c.text));
      expect(rows[0]).toEqual(['NIK', 'Nama', 'Segmen', 'KPJ', 'Mulai', 'Sampai']);
      expect(rows).toHaveLength(43);
      for (const row of rows.slice(1)) expect(row[3]).toMatch(/^\d{11}$/);
    }
    const failures = await run(lindungBin, ['enroll', 'export', runId, '--failed', '-o', path.join(dir, 'gagal.csv')], admin);
    expect(failures.stdout).toContain('0 failed people written');

    const refused = await run(lindungBin, ['enroll', 'start', '--proposal', proposal.proposalId], as(await tokenFor('finance', 'siti'))).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('Rejected (403)');
  }, 90_000);
});
