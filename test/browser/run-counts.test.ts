import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose } from '../support/budget';
import { approvedProposal, waitForRun } from '../support/enrollment';
import { importRoster } from '../support/roster-files';
import { launchChromium } from './chromium';
import { signedInPage } from './sign-in';

/**
 * A top-up's run meets the people the original run covered: they are skipped, and they are not
 * among the people the top-up plans. The console and the CLI show enrolled, skipped and failed
 * each on its own against the planned people, never one sum of them "of" the planned.
 */

const REGULATION_ID = 'perwal-tangsel-run-counts';
const ORIGINAL = 12;
const TOP_UP = 5;
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');

let browser: Promise<Browser> | undefined;
afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

describe("a top-up run's counts", () => {
  it('show enrolled, skipped and failed separately, each of the planned people, in the CLI and the console', async () => {
    const [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
    const original = await approvedProposal(REGULATION_ID, { KETUA_RT: ORIGINAL }, { regionCode: '3673', seed: 1105, firstSerial: 7000 });
    const originalRun = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: original.proposalId } });
    expect(await waitForRun(admin, originalRun.body.runId)).toMatchObject({ status: 'completed', counts: { enrolled: ORIGINAL, skipped: 0 } });

    // Mid-year, more people join and the APBD-Perubahan funds them.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-run-counts-')), 'roster.csv');
    await writeSyntheticRoster(file, { segments: { KETUA_RT: TOP_UP }, regionCode: '3673', badShare: 0, seed: 1106, firstSerial: 7000 + ORIGINAL });
    expect(await importRoster(REGULATION_ID, file)).toMatchObject({ status: 'completed', accepted: TOP_UP });
    const topUp = await propose(admin, { regulationId: REGULATION_ID, year: 2027, cohort: 'perubahan', startMonth: '2027-07' });
    expect((await api('POST', `/proposals/${topUp.proposalId}/decision`, { token: finance, body: { decision: 'approve' } })).status).toBe(200);

    const started = await promisify(execFile)(lindungBin, ['enroll', 'start', '--proposal', topUp.proposalId, '--wait'], {
      env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin },
    });
    const runId = started.stdout.split(/\s+/)[0]!;
    const run = (await api('GET', `/enrollment-runs/${runId}`, { token: admin })).body;
    expect(run.counts).toMatchObject({ planned: TOP_UP, enrolled: TOP_UP, skipped: ORIGINAL, failed: 0 });
    // The bar is the people enrolled of those planned; the skipped stand beside it.
    // (Without a terminal a line is printed at each tenth of the bar, with the counts of that moment.)
    const lines = started.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^enrolling: ${TOP_UP}/${TOP_UP} \\(100%\\), skipped \\(already covered\\) \\d+, failed 0 of ${TOP_UP} planned$`));
    for (const line of lines) expect(Number(/^enrolling: (\d+)\//.exec(line)?.[1])).toBeLessThanOrEqual(TOP_UP);
    expect(started.stdout).toContain(`planned ${TOP_UP}  enrolled ${TOP_UP}  failed 0  skipped ${ORIGINAL}`);

    browser ??= launchChromium();
    const page = await signedInPage(await browser, 'ani', 'admin');
    await page.goto(`${inject('apiUrl')}/console/#/pendaftaran?regulation=${REGULATION_ID}&run=${runId}`);
    await expect.poll(async () => (await page.getByTestId('run-status').textContent())?.trim(), { timeout: 15_000 }).toBe('Selesai');
    expect((await page.getByTestId('run-counts').textContent())?.trim()).toBe(
      `${TOP_UP} terdaftar · ${ORIGINAL} dilewati (sudah tercakup) · 0 gagal, dari ${TOP_UP} orang yang direncanakan`,
    );
    const bar = page.getByRole('progressbar', { name: 'Kemajuan pendaftaran' });
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual([String(TOP_UP), String(TOP_UP)]);
    await page.context().close();
  }, 180_000);
});
