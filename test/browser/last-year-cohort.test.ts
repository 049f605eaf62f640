import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose } from '../support/budget';
import { approvedProposal, waitForRun } from '../support/enrollment';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { launchChromium } from './chromium';
import { signedInPage } from './sign-in';

/**
 * The renewal's proposal page compares the new year with last year in two tables: the proposal's
 * comparison and the renewal's diff. Both count last year as the cohort the budgets funded: the
 * original APBD and its top-up, not the original alone and not everyone on last year's roster.
 */

const REGULATION_ID = 'perwal-tangsel-cohort';
const ORIGINAL = 20;
const TOP_UP = 6;
const UNFUNDED = 2;
const REGION = '3671';

let browser: Promise<Browser> | undefined;
afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

async function importMore(people: number, seed: number, firstSerial: number): Promise<void> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-cohort-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments: { KETUA_RT: people }, regionCode: REGION, badShare: 0, seed, firstSerial });
  expect(await importRoster(REGULATION_ID, file)).toMatchObject({ status: 'completed', accepted: people });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen in a minute`);
}

/** A table's cell by row header and column (the first column is the row header). */
async function cellText(page: Page, table: string, rowHeader: string, column: number): Promise<string | undefined> {
  const row = page.getByRole('table', { name: table }).locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: rowHeader, exact: true }) });
  return (await row.locator('td').nth(column - 1).textContent({ timeout: 15_000 }))?.trim();
}

describe("last year's cohort", () => {
  it('is the same on both tables of a renewal proposal: every approved 2027 budget, the top-up too', async () => {
    const [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
    const original = await approvedProposal(REGULATION_ID, { KETUA_RT: ORIGINAL }, { regionCode: REGION, seed: 1301, firstSerial: 9000 });
    // January: the original cohort is enrolled before the roster grows (which would make its approval stale).
    const run = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: original.proposalId } });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    expect((await waitForRun(admin, run.body.runId)).counts).toMatchObject({ enrolled: ORIGINAL });
    await importMore(TOP_UP, 1302, 9000 + ORIGINAL);
    const topUp = await propose(admin, { regulationId: REGULATION_ID, year: 2027, cohort: 'perubahan', startMonth: '2027-07' });
    expect(topUp.segments[0]).toMatchObject({ segment: 'KETUA_RT', headcount: TOP_UP });
    expect((await api('POST', `/proposals/${topUp.proposalId}/decision`, { token: finance, body: { decision: 'approve' } })).status).toBe(200);
    await until(async () => (await api('GET', `/proposals/${topUp.proposalId}`, { token: admin })).body, (p) => p.status === 'approved', 'the top-up approval');
    // Two more people on the 2027 roster whom no 2027 budget funded.
    await importMore(UNFUNDED, 1303, 9000 + ORIGINAL + TOP_UP);

    expect((await api('POST', `/regulations/${REGULATION_ID}/renewals`, { token: admin, body: { year: 2028 } })).status).toBe(202);
    const renewal = await until(async () => (await api('GET', `/regulations/${REGULATION_ID}/renewals/2028`, { token: admin })).body, (r) => r.status !== 'verifying', 'the verification');
    expect(renewal.status, JSON.stringify(renewal)).toBe('proposed');
    const proposal = await until(async () => (await api('GET', `/proposals/${renewal.proposalId}`, { token: admin })).body, (p) => p.status !== 'computing', 'the renewal budget');
    const rt = renewal.diff.segments.find((s: any) => s.segment === 'KETUA_RT');
    expect(rt).toMatchObject({ previous: ORIGINAL + TOP_UP, unchanged: ORIGINAL + TOP_UP + UNFUNDED, next: ORIGINAL + TOP_UP + UNFUNDED });
    expect(proposal.renewal.segments.find((s: any) => s.segment === 'KETUA_RT').previous).toBe(ORIGINAL + TOP_UP);

    browser ??= launchChromium();
    const page = await signedInPage(await browser, 'siti', 'finance');
    await page.getByRole('link', { name: 'Usulan anggaran' }).click();
    await page.getByRole('link', { name: renewal.proposalId }).click();
    await page.getByRole('heading', { name: /^Usulan anggaran 2028/ }).waitFor();
    const name = tangselRegulation(REGULATION_ID).segments.find((s) => s.code === 'KETUA_RT')!.name;
    // The comparison: 2027, 2028, the difference; the diff: last year first, this year last.
    expect(await cellText(page, 'Perubahan peserta dan jumlah per segmen', name, 1)).toBe(String(ORIGINAL + TOP_UP));
    expect(await cellText(page, 'Perubahan peserta dan jumlah per segmen', name, 3)).toBe(`+${UNFUNDED}`);
    expect(await cellText(page, 'Roster 2028 dibanding 2027', 'KETUA_RT', 1)).toBe(String(ORIGINAL + TOP_UP));
    expect(await cellText(page, 'Roster 2028 dibanding 2027', 'KETUA_RT', 6)).toBe(String(ORIGINAL + TOP_UP + UNFUNDED));
    await page.context().close();
  }, 240_000);
});
