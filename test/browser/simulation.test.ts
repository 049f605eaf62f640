import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { readRows } from '../spreadsheets/helpers';
import { launchChromium } from './chromium';
import { signedInPage } from './sign-in';

/**
 * The Simulasi page (issue #17) in Chromium against the local stack: two scenarios saved through
 * the API, one with a ceiling and one with a July cohort, shown one at a time and side by side
 * with the API's own figures; a third saved through the page's form; the comparison downloaded
 * as XLSX and read back with the repo's reader.
 */

const REGULATION_ID = 'perwal-tangsel-simulasi-web';
const SEGMENTS = { KETUA_RT: 12, KETUA_RW: 5, KADER_KESEHATAN: 8 };
const SCENARIOS = `/regulations/${REGULATION_ID}/scenarios`;

let browser: Promise<Browser> | undefined;
let finance: string;
let ceilingResult: any;
let cohortResult: any;

beforeAll(async () => {
  const admin = await tokenFor('admin', 'ani');
  finance = await tokenFor('finance', 'siti');
  expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: tangselRegulation(REGULATION_ID) })).status).toBe(200);
  // Serials from 40000 of region 3674: people no other test's roster has.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-simulasi-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments: SEGMENTS, regionCode: '3674', badShare: 0, seed: 1717, firstSerial: 40_000 });
  expect((await importRoster(REGULATION_ID, file)).status).toBe('completed');

  const july = { id: 'kohort-juli', name: 'Kohort Juli', regulationId: REGULATION_ID, year: 2027, cohorts: [{ startMonth: '2027-07', people: { KETUA_RT: 10 } }], projectionYears: 3 };
  expect((await api('PUT', `${SCENARIOS}/kohort-juli`, { token: finance, body: july })).status).toBe(200);
  cohortResult = await simulation('kohort-juli');
  // A ceiling of about 60% of the roster's cohort: the first segments by priority, not all.
  const ceiling = Math.floor(cohortResult.cohorts[0].total * 0.6);
  const capped = { id: 'pagu-2027', name: 'Pagu 2027', regulationId: REGULATION_ID, year: 2027, ceiling, projectionYears: 3 };
  expect((await api('PUT', `${SCENARIOS}/pagu-2027`, { token: finance, body: capped })).status).toBe(200);
  ceilingResult = await simulation('pagu-2027');
  expect(ceilingResult.ceiling.unfundedHeadcount).toBeGreaterThan(0);
});

afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

async function simulation(id: string): Promise<any> {
  const response = await api('GET', `${SCENARIOS}/${id}/simulation`, { token: finance });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

async function financePage(): Promise<Page> {
  browser ??= launchChromium();
  const page = await signedInPage(await browser, 'rina', 'finance');
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

describe('the Simulasi page', () => {
  it('shows one scenario with the figures of the API: totals, segments, the ceiling, the projection', async () => {
    const page = await financePage();
    await page.goto(`${inject('apiUrl')}/console/#/simulasi?regulation=${REGULATION_ID}&s=pagu-2027`);
    await page.getByRole('heading', { name: /^Pagu 2027/ }).waitFor();
    const r = ceilingResult;
    await expectText(page.getByTestId('sim-total'), rupiah(r.total));
    await expectText(page.getByTestId('sim-headcount'), count(r.totalHeadcount));
    await expectText(page.getByTestId('sim-funded'), `${count(r.ceiling.fundedHeadcount)} / ${count(r.ceiling.fundedHeadcount + r.ceiling.unfundedHeadcount)}`);
    await expectText(page.getByTestId('sim-unspent'), `Sisa pagu, tidak cukup untuk orang berikutnya: ${rupiah(r.ceiling.unspent)}`);

    // A segment's amount over all cohorts, under its name (never its code).
    const rt = r.cohorts.flatMap((c: any) => c.segments).filter((s: any) => s.segment === 'KETUA_RT');
    const segments = page.getByRole('table', { name: 'Peserta dan biaya per segmen, semua kohort' });
    await expectText(row(segments, 'Ketua RT').getByRole('cell').nth(2), rupiah(rt.reduce((sum: number, s: any) => sum + s.amount, 0)));
    expect(await page.locator('main').innerText()).not.toContain('KETUA_RT');

    // What the ceiling funds per segment, and each projected year's total.
    const funding = page.getByRole('table', { name: 'Yang didanai dengan pagu, menurut prioritas' });
    const first = r.ceiling.segments.find((s: any) => s.segment === 'KETUA_RT');
    await expectText(row(funding, 'Ketua RT').getByRole('cell').nth(0), count(first.funded));
    const projection = page.getByRole('table', { name: 'Proyeksi per tahun' });
    for (const year of r.projection) await expectText(row(projection, String(year.year)).getByRole('cell').nth(4), rupiah(year.total));
    expect(await page.getByRole('img', { name: /Proyeksi jumlah biaya per tahun/ }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: /Biaya per segmen/ }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('compares two scenarios side by side, with the difference from the first, and downloads the comparison as XLSX', async () => {
    const page = await financePage();
    await page.goto(`${inject('apiUrl')}/console/#/simulasi?regulation=${REGULATION_ID}`);
    await page.getByLabel('Pagu 2027').check();
    await page.getByLabel('Kohort Juli').check();
    await page.getByRole('button', { name: 'Tampilkan skenario' }).click();
    await page.getByRole('heading', { name: 'Perbandingan skenario' }).waitFor();

    // The order ticked is the list's: the newest save (pagu-2027) or the other first, as listed.
    const order = new URL(page.url().replace('#/', '')).searchParams.getAll('s');
    const [a, b] = order.map((id) => (id === 'pagu-2027' ? ceilingResult : cohortResult));
    const table = page.getByRole('table', { name: `Perbandingan 2 skenario, selisih terhadap ${a.name}` });
    const cells = (label: string) => row(table, label).getByRole('cell');
    await expectText(cells('Jumlah biaya').nth(0), rupiah(a.total));
    await expectText(cells('Jumlah biaya').nth(1), rupiah(b.total));
    await expectText(cells('Jumlah biaya').nth(2), signed(b.total - a.total));
    await expectText(cells('Peserta').nth(2), signedCount(b.totalHeadcount - a.totalHeadcount));
    const year2028 = (r: any) => r.projection.find((p: any) => p.year === 2028).total;
    await expectText(cells('Proyeksi 2028').nth(2), signed(year2028(b) - year2028(a)));
    expect(await page.getByRole('img', { name: /Jumlah biaya per tahun per skenario/ }).isVisible()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe(`simulasi-${REGULATION_ID}-perbandingan.xlsx`);
    const rows = await readRows((await download.path())!);
    expect(rows[0]![1]).toEqual(['text:Uraian', `text:${a.name}`, `text:${b.name}`, `text:Selisih ${b.name}`]);
    const sheetRow = (label: string) => rows.find(([, cells]) => cells[0] === `text:${label}`)![1];
    expect(sheetRow('Jumlah biaya')).toEqual(['text:Jumlah biaya', `number:${a.total}`, `number:${b.total}`, `number:${b.total - a.total}`]);
    expect(sheetRow('Proyeksi 2028')).toEqual(['text:Proyeksi 2028', `number:${year2028(a)}`, `number:${year2028(b)}`, `number:${year2028(b) - year2028(a)}`]);
    await page.context().close();
  });

  it('saves a scenario from the form, naming a wrong field at the field, and lists it', async () => {
    const page = await financePage();
    await page.goto(`${inject('apiUrl')}/console/#/simulasi?regulation=${REGULATION_ID}`);
    await page.getByRole('heading', { name: 'Simpan skenario' }).waitFor();
    await page.getByLabel('Nama skenario').fill('Tambah kader');
    await page.getByLabel('ID skenario').fill('tambah-kader');
    await page.getByLabel('Tahun anggaran', { exact: true }).fill('2027');
    await page.getByLabel('Pagu (Rp)', { exact: true }).fill('banyak');
    await page.getByLabel('Proyeksi', { exact: true }).selectOption('2');
    const kader = page.getByRole('group', { name: 'Kader Kesehatan' });
    await kader.getByLabel('Target peserta').fill('20');
    await kader.getByLabel('Peserta diasumsikan').fill('15');
    await kader.getByLabel('Pertumbuhan per tahun (%)').fill('10');
    await page.getByRole('button', { name: 'Simpan skenario' }).click();

    // The API refuses the ceiling; its message stands under the field, which is marked invalid.
    const ceiling = page.getByLabel('Pagu (Rp)', { exact: true });
    await expect.poll(() => ceiling.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').count()).toBe(1);
    await ceiling.fill('Rp5.000.000');
    await page.getByRole('button', { name: 'Simpan skenario' }).click();
    await page.getByText('Skenario tambah-kader disimpan (versi 1).').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Tambah kader' }).isChecked()).toBe(true);

    const saved = (await api('GET', `${SCENARIOS}/tambah-kader`, { token: finance })).body;
    expect(saved).toMatchObject({ name: 'Tambah kader', year: 2027, ceiling: 5_000_000, projectionYears: 2, savedBy: 'rina', segments: { KADER_KESEHATAN: { targetHeadcount: 20, people: 15, growthPercent: 10 } } });
    const shown = await simulation('tambah-kader');
    await expectText(page.getByTestId('sim-total'), rupiah(shown.total));
    await page.context().close();
  });

  it("requests a real proposal for a scenario's cohort, which names the scenario and waits for another officer", async () => {
    const page = await financePage();
    await page.goto(`${inject('apiUrl')}/console/#/simulasi?regulation=${REGULATION_ID}&s=pagu-2027`);
    await page.getByRole('heading', { name: 'Minta usulan anggaran nyata' }).waitFor();
    await page.getByRole('button', { name: /^Minta usulan APBD murni mulai / }).click();
    const link = page.getByRole('link', { name: 'pagu-2027 v1' });
    await link.waitFor();
    const proposalId = decodeURIComponent(page.url().split('/').at(-1)!);
    const proposal = (await api('GET', `/proposals/${proposalId}`, { token: finance })).body;
    expect(proposal).toMatchObject({ regulationId: REGULATION_ID, year: 2027, cohort: 'original', requestedBy: 'rina', fromScenario: { scenarioId: 'pagu-2027', version: 1 } });
    await link.click();
    await page.getByRole('heading', { name: /^Pagu 2027/ }).waitFor();
    await page.context().close();
  });
});

function row(table: Locator, header: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
}

async function expectText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await locator.textContent({ timeout }))?.trim(), { timeout, interval: 100 }).toBe(text);
}

/** What the console shows, written independently of its code: `Rp1.234.567`, `−Rp5.000`. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function rupiah(amount: number): string {
  return `Rp${count(amount)}`;
}

function signed(amount: number): string {
  return amount > 0 ? `+${rupiah(amount)}` : amount < 0 ? `−${rupiah(-amount)}` : '0';
}

function signedCount(n: number): string {
  return n > 0 ? `+${count(n)}` : n < 0 ? `−${count(-n)}` : '0';
}
