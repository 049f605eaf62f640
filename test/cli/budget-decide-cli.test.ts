import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose } from '../support/budget';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');

describe('npx lindung budget decide', () => {
  it('refuses a review of an admin\'s proposal and a ceiling that is not whole rupiah, reads 1.500.000 grouping, and withdraws a decision', async () => {
    const [admin, siti, dewi] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('finance', 'dewi')]);
    const regulation = tangselRegulation('perwal-decide-cli');
    await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-decide-cli-')), 'roster.csv');
    await writeSyntheticRoster(file, { segments: { KETUA_RT: 3 }, regionCode: '3307', badShare: 0, seed: 12 });
    await importRoster(regulation.id, file);
    const proposal = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    const as = (token: string) => ({ env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: token } });
    const decide = (token: string, ...args: string[]) =>
      run(lindungBin, ['budget', 'decide', proposal.proposalId, ...args], as(token)).catch((error: { code: number; stdout: string; stderr: string }) => error);

    // An admin's proposal has its two people already (requester and decider): no review.
    const review = await run(lindungBin, ['budget', 'review', proposal.proposalId], as(siti)).catch((error: { code: number; stderr: string }) => error);
    expect(review).toMatchObject({ code: 1 });
    expect(review.stderr).toContain('it needs no review. Decide it.');

    for (const ceiling of ['1.5', '1,5', 'Rp 1.000.000,50', '1.50.000']) {
      const refused = await decide(siti, '--ceiling', ceiling);
      // A value the command line cannot mean is a usage error.
      expect(refused).toMatchObject({ code: 2 });
      expect(refused.stderr).toContain(`--ceiling "${ceiling}" is not a whole number of rupiah`);
      expect(refused.stderr).toContain('For example: --ceiling 1.500.000');
    }
    expect((await api('GET', `/proposals/${proposal.proposalId}`, { token: siti })).body.status).toBe('pending-decision');

    // Two of the three people fit: 2 × Rp16.800 × 12.
    const approved = await decide(siti, '--ceiling', 'Rp403.200');
    expect(approved.stdout).toContain('approved Rp403.200 within a ceiling of Rp403.200');

    expect((await decide(dewi, '--withdraw')).stderr).toContain('--withdraw --reason TEXT');
    const withdrawn = await decide(dewi, '--withdraw', '--reason', 'Pagu belum final');
    expect(withdrawn.stdout).toContain(': pending-decision');
    expect(withdrawn.stdout).toMatch(/withdrawn: approve-with-ceiling by siti at .*, withdrawn by dewi at .*: Pagu belum final/);
  }, 60_000);
});
