import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { launchChromium } from './chromium';

/**
 * The web console in headless Chromium, against the suite's local stack (which serves it at
 * /console/ as `npm start` does). Data is seeded through the API; everything the user does
 * happens in the browser. Screenshots go to test-output/browser/.
 */

const REGULATION_ID = 'perwal-tangsel-console';
const SEGMENTS = { KETUA_RT: 40, KETUA_RW: 12, KADER_KESEHATAN: 25 };
const PEOPLE = Object.values(SEGMENTS).reduce((a, b) => a + b, 0);
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'browser');

let browser: Promise<Browser> | undefined;
let proposalId: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await tokenFor('admin', 'ani');
  expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: tangselRegulation(REGULATION_ID) })).status).toBe(200);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-console-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments: SEGMENTS, regionCode: '3674', badShare: 0, seed: 7107 });
  expect((await importRoster(REGULATION_ID, file)).status).toBe('completed');
  const proposal = await propose(admin, { regulationId: REGULATION_ID, year: 2027, cohort: 'original' });
  expect(proposal.status).toBe('pending-decision');
  proposalId = proposal.proposalId;
});

afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

/** A fresh browser context (its own session storage) signed in through the console's local sign-in page. */
async function signedIn(username: string, role: 'admin' | 'finance' | 'auditor'): Promise<Page> {
  // Without a browser, every test fails here saying what to install (none is skipped).
  browser ??= launchChromium();
  const context = await (await browser).newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${inject('apiUrl')}/console/`);
  await page.getByRole('heading', { name: 'Masuk ke Lindung' }).waitFor();
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Peran').selectOption(role);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
  return page;
}

describe('web console', () => {
  it('journey 1: a finance officer signs in and approves the Tangsel proposal', async () => {
    const page = await signedIn('siti', 'finance');
    await page.getByRole('link', { name: 'Usulan anggaran' }).click();
    await page.getByRole('heading', { name: 'Usulan menunggu keputusan' }).waitFor();
    await page.getByRole('link', { name: proposalId }).click();

    await page.getByRole('heading', { name: 'Usulan anggaran 2027' }).waitFor();
    const proposal = (await api('GET', `/proposals/${proposalId}`, { token: await tokenFor('auditor') })).body;
    // The page shows the snapshot the decision is bound to, and the total as finance reads it.
    await expectText(page.locator('code.hash'), proposal.snapshot.hash);
    expect(await page.getByText(formatRupiahForTest(proposal.total)).first().isVisible()).toBe(true);

    await expectAccessibleControls(page);
    // By keyboard: each page puts the focus on its heading; the decision is chosen, noted and sent with keys.
    expect(await focusedText(page)).toBe(`Usulan anggaran 2027 ${proposalId}`);
    await page.getByRole('radio', { name: 'Setujui', exact: true }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'Setujui', exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Catatan').focus();
    await page.keyboard.type('Sesuai DPA 2027');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Kirim keputusan');
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('proposal-status'), 'Disetujui');
    await expectText(page.getByTestId('approved-amount'), formatRupiahForTest(proposal.total));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'approval.png'), fullPage: true });

    const decided = (await api('GET', `/proposals/${proposalId}`, { token: await tokenFor('auditor') })).body;
    expect(decided.status).toBe('approved');
    expect(decided.decision).toMatchObject({ decision: 'approve', decidedBy: 'siti', notes: 'Sesuai DPA 2027', snapshotHash: proposal.snapshot.hash });
    await page.context().close();
  });

  it('journey 2: an admin starts the enrollment run from the console and sees it finish', async () => {
    const page = await signedIn('ani', 'admin');
    await page.goto(`${inject('apiUrl')}/console/#/pendaftaran?regulation=${REGULATION_ID}`);
    await page.getByRole('heading', { name: 'Pendaftaran peserta' }).waitFor();
    await page.getByRole('button', { name: /^Mulai pendaftaran 2027/ }).click();
    // The page follows the run live until the insurer simulator has enrolled everyone.
    await expectText(page.getByTestId('run-status'), 'Selesai', 60_000);
    await expectText(page.getByTestId('run-enrolled'), formatCountForTest(PEOPLE));
    expect(await page.getByRole('progressbar', { name: 'Kemajuan pendaftaran' }).getAttribute('value')).toBe(String(PEOPLE));
    await page.context().close();
  });

  it('journey 3: the dashboard shows the covered counts', async () => {
    const page = await signedIn('dewi', 'auditor');
    await page.goto(`${inject('apiUrl')}/console/#/?regulation=${REGULATION_ID}&year=2027`);
    await page.getByRole('heading', { name: 'Dasbor cakupan' }).waitFor();
    const target = tangselRegulation(REGULATION_ID).segments.reduce((sum, s) => sum + s.targetHeadcount, 0);
    await expectText(page.getByTestId('covered-total'), `${formatCountForTest(PEOPLE)} / ${formatCountForTest(target)}`);
    // Per segment, in the Paritrana table: covered equals the roster for the segments imported.
    const table = page.getByRole('table', { name: 'Metrik Paritrana per segmen' });
    for (const [segment, people] of Object.entries(SEGMENTS)) {
      const name = tangselRegulation(REGULATION_ID).segments.find((s) => s.code === segment)!.name;
      await expectText(table.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell').nth(4), formatCountForTest(people));
    }
    expect(await page.getByRole('img', { name: /Tercakup dibanding target per segmen/ }).isVisible()).toBe(true);
    await expectAccessibleControls(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // The English toggle translates the page; amounts keep their Indonesian form.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Coverage dashboard' }).waitFor();
    await page.context().close();
  });

  it("journey 4: an auditor finds the enrollment run's outcome in the regulation's audit trail", async () => {
    const auditor = await tokenFor('auditor');
    const [run] = (await api('GET', `/enrollment-runs?regulationId=${REGULATION_ID}`, { token: auditor })).body.runs;
    const page = await signedIn('dewi', 'auditor');
    await page.goto(`${inject('apiUrl')}/console/#/audit?regulation=${REGULATION_ID}`);
    const events = page.getByRole('table', { name: 'Kejadian, terbaru lebih dulu' });
    // The run keeps its own trail; searching its regulation shows it beside the regulation's events.
    // In Bahasa Indonesia: each action and entity in words, the summary's Indonesian half; no action codes.
    const finished = events.getByRole('row').filter({ hasText: 'Pendaftaran selesai' });
    await expectText(finished.getByRole('cell').nth(2), `Pendaftaran ${run.runId}`);
    const summary = (await finished.getByRole('cell').nth(3).textContent())!;
    expect(summary).toContain(`Pendaftaran ${run.runId} selesai (percobaan 1): ${formatCountForTest(PEOPLE)} orang terdaftar, 0 gagal`);
    expect(summary).not.toMatch(/\d{16}/);
    expect(summary).not.toContain('Enrollment run');
    expect(await events.getByRole('row').filter({ hasText: /^(?!.*dengan pagu).*Usulan anggaran disetujui/ }).count()).toBe(1);
    expect(await events.textContent()).not.toMatch(/\b(?:regulation|roster|budget|enrollment|renewal|bill|remittance)\.[a-z]/);
    // The regulation's hash chain verifies, up to its latest event.
    const chain = (await api('GET', `/regulations/${REGULATION_ID}/audit-chain`, { token: auditor })).body;
    expect(chain.broken).toBeUndefined();
    expect(await page.getByTestId('chain-verified').textContent()).toMatch(new RegExp(`^Rantai hash jejak ini utuh: terverifikasi sampai .+ \\(\\d+ kejadian\\)\\.$`));
    await page.context().close();
  });

  it('lets an admin fix a rejected row and import it again', async () => {
    const regulationId = 'perwal-tangsel-console-fix';
    const admin = await tokenFor('admin', 'ani');
    expect((await api('PUT', `/regulations/${regulationId}`, { token: admin, body: tangselRegulation(regulationId) })).status).toBe(200);
    const file = rosterCsv([
      personRow(tangselNik('1980-03-12', 'L', 11), 'Bambang Wijaya', '1980-03-12', 'L', 'KETUA_RT'),
      personRow(tangselNik('1975-08-02', 'P', 12), '', '1975-08-02', 'P', 'KETUA_RT'),
      personRow(tangselNik('1980-03-12', 'L', 11), 'Bambang Wijaya', '1980-03-12', 'L', 'KETUA_RT'),
    ]);
    const first = await importRoster(regulationId, file);
    expect(first).toMatchObject({ accepted: 1, rejected: 2 });

    const page = await signedIn('ani', 'admin');
    await page.goto(`${inject('apiUrl')}/console/#/impor?regulation=${regulationId}&import=${first.importId}`);
    await page.getByRole('heading', { name: 'Baris yang ditolak' }).waitFor();
    // In Bahasa Indonesia, without codes: the import's status, the segment's name, the reason's.
    await expectText(page.getByRole('table', { name: 'Impor terbaru lebih dulu' }).getByRole('cell').nth(0), 'selesai');
    const perSegment = page.getByRole('table', { name: 'Per segmen' });
    await expectText(perSegment.getByRole('rowheader').nth(0), 'Ketua RT');
    await expectText(perSegment.getByRole('cell').nth(1), 'ganda dalam berkas: 1, nama kosong: 1');
    await expectAccessibleControls(page);
    // A duplicate needs no fixing, so it is not offered for re-import; no full NIK is on the page, not even to edit.
    expect(await page.getByLabel('Impor ulang baris 3').isChecked()).toBe(true);
    expect(await page.getByLabel('Impor ulang baris 4').isChecked()).toBe(false);
    expect(await page.locator('main').innerText()).not.toMatch(/\d{16}/);
    expect(await page.locator('main input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value).filter((value) => /\d{16}/.test(value)))).toEqual([]);
    // The template the office fills in, made in the browser: its segments, and NIK as Text.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh templat' }).click()]);
    expect(download.suggestedFilename()).toBe(`templat-${regulationId}.xlsx`);
    const parts = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(strFromU8(parts['xl/workbook.xml']!)).toContain('name="Petunjuk"');
    expect(strFromU8(parts['xl/worksheets/sheet1.xml']!)).toContain('<formula1>DaftarSegmen</formula1>');
    expect(strFromU8(parts['xl/worksheets/sheet2.xml']!)).toContain('KETUA_RT');
    await page.getByLabel('Nama baris 3').fill('Sri Lestari');
    await page.getByRole('button', { name: 'Impor ulang baris yang diperbaiki' }).click();
    await page.getByText('1 baris diperiksa: 1 diterima, 0 ditolak.').waitFor({ timeout: 30_000 });
    expect(page.url()).not.toContain(first.importId);

    const roster = await api('GET', `/regulations/${regulationId}/roster?year=2027`, { token: admin });
    expect(roster.body.segments.KETUA_RT).toBe(2);
    await page.context().close();
  });

  it('shows a renewal an admin starts, with its diff against last year', async () => {
    const page = await signedIn('ani', 'admin');
    await page.goto(`${inject('apiUrl')}/console/#/perpanjangan?regulation=${REGULATION_ID}`);
    await page.getByRole('heading', { name: 'Perpanjangan tahunan' }).waitFor();
    await page.getByLabel('Ke tahun anggaran').fill('2028');
    await page.getByRole('button', { name: 'Mulai', exact: true }).click();
    await expectText(page.getByTestId('renewal-status'), 'Anggaran diusulkan', 60_000);
    // Everyone on the 2027 roster is carried into 2028 (the synthetic roster's ages stay inside the window).
    const totals = page.getByRole('table', { name: 'Roster 2028 dibanding 2027' }).locator('tfoot td');
    await expectText(totals.nth(0), formatCountForTest(PEOPLE));
    await expectText(totals.nth(5), formatCountForTest(PEOPLE));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'renewal.png'), fullPage: true });
    await page.context().close();
  });

  it("takes two finance officers for the renewal's budget: one reviews it, another approves it", async () => {
    const auditor = await tokenFor('auditor');
    const renewal = (await api('GET', `/regulations/${REGULATION_ID}/renewals/2028`, { token: auditor })).body;
    expect((await waitForProposal(auditor, renewal.proposalId, ['computing'])).reviewRequired).toBe(true);
    const approve = (page: Page) => page.getByRole('radio', { name: 'Setujui', exact: true });

    const dewi = await signedIn('dewi', 'finance');
    await dewi.goto(`${inject('apiUrl')}/console/#/keputusan/${renewal.proposalId}`);
    await dewi.getByRole('heading', { name: 'Usulan anggaran 2028' }).waitFor();
    await dewi.getByText('Belum ditinjau').waitFor();
    await dewi.getByText('Setujui setelah petugas BPKAD lain meninjau usulan ini.').waitFor();
    expect(await approve(dewi).count()).toBe(0);
    await expectAccessibleControls(dewi);
    await dewi.getByLabel('Catatan tinjauan').fill('Selisih peserta sesuai');
    await dewi.getByRole('button', { name: 'Kirim tinjauan' }).click();
    await dewi.getByText('Anda meninjau usulan ini, jadi petugas BPKAD lain yang menyetujuinya; Anda masih dapat menolak atau meminta revisi.').waitFor();
    expect(await approve(dewi).count()).toBe(0);
    expect(await dewi.getByRole('button', { name: 'Kirim tinjauan' }).count()).toBe(0);
    await dewi.context().close();

    const siti = await signedIn('siti', 'finance');
    await siti.goto(`${inject('apiUrl')}/console/#/keputusan/${renewal.proposalId}`);
    await siti.getByRole('heading', { name: 'Usulan anggaran 2028' }).waitFor();
    await siti.getByText(/^dewi, .* \(Selisih peserta sesuai\)$/).waitFor();
    await approve(siti).check();
    await siti.getByRole('button', { name: 'Kirim keputusan' }).click();
    await expectText(siti.getByTestId('proposal-status'), 'Disetujui');
    await siti.screenshot({ path: path.join(SCREENSHOTS, 'renewal-approval.png'), fullPage: true });
    await siti.context().close();

    const decided = (await api('GET', `/proposals/${renewal.proposalId}`, { token: auditor })).body;
    expect(decided).toMatchObject({ status: 'approved', review: { reviewedBy: 'dewi', notes: 'Selisih peserta sesuai' }, decision: { decision: 'approve', decidedBy: 'siti' } });
  });
});

/**
 * Every form control on the page has an accessible name (a label, aria-label or aria-labelledby),
 * and every table a caption: what a screen reader needs to tell them apart.
 */
async function expectAccessibleControls(page: Page): Promise<void> {
  // The callbacks run in the page; this project's types have no DOM, hence `any`.
  const unnamed = await page.locator('input, select, textarea, button').evaluateAll((elements: any[]) =>
    elements
      .filter((control) => {
        const named = (control.labels?.length ?? 0) > 0 || control.hasAttribute('aria-label') || control.hasAttribute('aria-labelledby');
        return !named && !(control.tagName === 'BUTTON' && control.textContent?.trim());
      })
      .map((control) => String(control.outerHTML).slice(0, 120)),
  );
  expect(unnamed).toEqual([]);
  const uncaptioned = await page.locator('table').evaluateAll((tables: any[]) => tables.filter((table) => !table.caption?.textContent?.trim()).length);
  expect(uncaptioned).toBe(0);
}

async function focusedText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as any).document.activeElement?.textContent as string | undefined);
}

/** Waits until the element's text is `text` (the page updates as the API answers). */
async function expectText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await locator.textContent({ timeout }))?.trim(), { timeout, interval: 100 }).toBe(text);
}

/** What the console shows, written independently of its code: `Rp1.234.567`. */
function formatRupiahForTest(amount: number): string {
  return `Rp${formatCountForTest(amount)}`;
}

function formatCountForTest(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
