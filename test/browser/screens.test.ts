import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { runPeople, waitForRun } from '../support/enrollment';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { launchChromium } from './chromium';
import { sidewaysOverflows } from './layout-check';
import { signedInPage } from './sign-in';

/**
 * Every console page on any screen (issue #16): a phone (390 px), a tablet (768 px) and a
 * laptop (1366 px). At each width the page is never wider than the viewport and nothing runs out
 * of its box; wide tables scroll inside their own box. One regulation is seeded through the API
 * with everything its pages show: an import with rejected rows, an approved budget, a finished
 * run, the insurer's bill with a discrepancy, a renewal with its proposal, and their audit trail.
 * Screenshots go to test-output/browser/screens/ (git-ignored), to look at.
 */

const REGULATION_ID = 'perwal-tangsel-screens';
const SEGMENTS = { KETUA_RT: 9, KETUA_RW: 4, KADER_KESEHATAN: 5 };
const WIDTHS = [390, 768, 1366] as const;
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'browser', 'screens');

let browser: Promise<Browser> | undefined;
let importId: string;
let proposalId: string;
let runId: string;
let billId: string;
let renewalProposalId: string;

beforeAll(async () => {
  const [admin, siti, rina] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('finance', 'rina')]);
  expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: tangselRegulation(REGULATION_ID) })).status).toBe(200);
  // Serials from 8000 of region 3674: people no other test's roster has.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-screens-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments: SEGMENTS, regionCode: '3674', badShare: 0, appendBadRows: 2, seed: 1616, firstSerial: 8000 });
  const imported = await importRoster(REGULATION_ID, file);
  expect(imported.status).toBe('completed');
  expect(imported.rejected).toBeGreaterThan(0);
  importId = imported.importId;
  // Two budget scenarios to show one at a time and side by side (issue #17).
  const scenarios = [
    { id: 'pagu-2027', name: 'Pagu 2027', regulationId: REGULATION_ID, year: 2027, ceiling: 1_000_000, projectionYears: 5 },
    { id: 'kohort-juli', name: 'Kohort Juli', regulationId: REGULATION_ID, year: 2027, cohorts: [{ startMonth: '2027-07', people: { KETUA_RT: 3_000 } }], projectionYears: 5 },
  ];
  for (const scenario of scenarios) expect((await api('PUT', `/regulations/${REGULATION_ID}/scenarios/${scenario.id}`, { token: siti, body: scenario })).status).toBe(200);

  const proposal = await propose(admin, { regulationId: REGULATION_ID, year: 2027, cohort: 'original' });
  proposalId = proposal.proposalId;
  expect((await api('POST', `/proposals/${proposalId}/decision`, { token: siti, body: { decision: 'approve', notes: 'Sesuai DPA 2027' } })).status).toBe(200);
  expect(await waitForProposal(admin, proposalId, ['pending-decision', 'allocating'])).toMatchObject({ status: 'approved' });
  const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  runId = started.body.runId;
  expect(await waitForRun(admin, runId)).toMatchObject({ status: 'completed' });

  // January's bill from the insurer, one person billed Rp1.000 too much; left reconciled, for finance to act on.
  const kpjOf = new Map((await runPeople(admin, runId, 'enrolled')).map((p) => [p.nik as string, { kpj: p.kpj as string, name: p.name as string, segment: p.segment as string }]));
  const expected = (await api('GET', `/regulations/${REGULATION_ID}/bills?year=2027`, { token: rina })).body;
  const january = expected.bills.find((b: any) => b.month === '2027-01');
  const premiumOf = new Map<string, number>(january.segments.map((s: any) => [s.segment, s.amount / s.people]));
  const lines = [...kpjOf].map(([nik, person], i) => ({
    line: i + 1,
    kpj: person.kpj,
    nik,
    name: person.name,
    segment: person.segment,
    month: '2027-01',
    amount: premiumOf.get(person.segment)! + (i === 0 ? 1_000 : 0),
  }));
  const header = { kodeIuran: '16160000001', month: '2027-01', controlCount: lines.length, controlTotal: lines.reduce((sum, l) => sum + l.amount, 0) };
  const fileDigest = createHash('sha256').update(`${REGULATION_ID} ${JSON.stringify(lines)} ${Date.now()}`).digest('hex');
  const opened = await api('POST', `/regulations/${REGULATION_ID}/bills`, { token: rina, body: { header, fileName: 'tagihan-januari.csv', fileDigest } });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  billId = opened.body.billId;
  expect((await api('PUT', `/bills/${billId}/chunks/0`, { token: rina, body: { lines } })).status).toBe(200);
  expect((await api('POST', `/bills/${billId}/complete`, { token: rina, body: { chunks: 1, lines: lines.length } })).status).toBe(202);
  await until(async () => (await api('GET', `/bills/${billId}`, { token: rina })).body.status, (status) => status !== 'reconciling', 'the reconciliation');

  // The renewal into 2028 and its proposal, which waits for two finance officers.
  expect((await api('POST', `/regulations/${REGULATION_ID}/renewals`, { token: admin, body: { year: 2028 } })).status).toBe(202);
  const renewal = await until(async () => (await api('GET', `/regulations/${REGULATION_ID}/renewals/2028`, { token: admin })).body, (r) => r.status !== 'verifying', 'the renewal');
  expect(renewal.status, JSON.stringify(renewal)).toBe('proposed');
  renewalProposalId = renewal.proposalId;
  await until(async () => (await api('GET', `/proposals/${renewalProposalId}`, { token: admin })).body.status, (status) => status !== 'computing', 'the renewal budget');
}, 180_000);

afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

/** One page to check: its address, who opens it, and what shows it has finished drawing. */
interface Screen {
  readonly name: string;
  readonly role: 'admin' | 'finance';
  readonly address: () => string;
  readonly ready: (page: Page) => Promise<unknown>;
}

const SCREENS: readonly Screen[] = [
  { name: 'dashboard', role: 'admin', address: () => `#/?regulation=${REGULATION_ID}&year=2027`, ready: (page) => page.getByTestId('covered-total').waitFor() },
  { name: 'peraturan', role: 'admin', address: () => `#/peraturan?regulation=${REGULATION_ID}`, ready: (page) => page.getByRole('table', { name: 'Riwayat versi' }).waitFor() },
  { name: 'impor', role: 'admin', address: () => `#/impor?regulation=${REGULATION_ID}&import=${importId}`, ready: (page) => page.getByRole('table', { name: 'Baris untuk diperbaiki' }).waitFor() },
  { name: 'usulan', role: 'admin', address: () => '#/usulan', ready: (page) => page.getByRole('link', { name: proposalId }).waitFor() },
  { name: 'keputusan', role: 'finance', address: () => `#/keputusan/${renewalProposalId}`, ready: (page) => page.getByRole('heading', { name: 'Tinjau usulan' }).waitFor() },
  { name: 'dokumen', role: 'admin', address: () => `#/dokumen/${proposalId}`, ready: (page) => page.frameLocator('iframe.document').locator('body').waitFor() },
  { name: 'pendaftaran', role: 'admin', address: () => `#/pendaftaran?regulation=${REGULATION_ID}&run=${runId}`, ready: (page) => page.getByRole('table', { name: 'Tagihan iuran per bulan' }).waitFor() },
  { name: 'perpanjangan', role: 'admin', address: () => `#/perpanjangan?regulation=${REGULATION_ID}&year=2028`, ready: (page) => page.getByRole('table', { name: 'Roster 2028 dibanding 2027' }).waitFor() },
  { name: 'iuran', role: 'admin', address: () => `#/iuran?regulation=${REGULATION_ID}&year=2027`, ready: (page) => page.getByTestId('state-2027-12').waitFor() },
  { name: 'tagihan', role: 'finance', address: () => `#/tagihan/${billId}`, ready: (page) => page.getByRole('table', { name: 'Selisih per orang' }).waitFor() },
  { name: 'simulasi', role: 'finance', address: () => `#/simulasi?regulation=${REGULATION_ID}&s=pagu-2027`, ready: (page) => page.getByTestId('sim-total').waitFor() },
  {
    name: 'simulasi-banding',
    role: 'finance',
    address: () => `#/simulasi?regulation=${REGULATION_ID}&s=pagu-2027&s=kohort-juli`,
    ready: (page) => page.getByRole('table', { name: /^Perbandingan 2 skenario/ }).waitFor(),
  },
  { name: 'audit', role: 'admin', address: () => `#/audit?regulation=${REGULATION_ID}`, ready: (page) => page.getByRole('table', { name: 'Kejadian, terbaru lebih dulu' }).waitFor() },
];

describe('the console on any screen', () => {
  it('fits every page into 390, 768 and 1366 px without sideways scrolling', async () => {
    browser ??= launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pages = { admin: await signedInPage(await browser, 'ani', 'admin'), finance: await signedInPage(await browser, 'rina', 'finance') };
    for (const page of Object.values(pages)) failOnPageErrors(page);
    const overflows: string[] = [];
    for (const screen of SCREENS) {
      const page = pages[screen.role];
      await page.goto(`${inject('apiUrl')}/console/${screen.address()}`);
      await screen.ready(page);
      overflows.push(...(await checkWidths(page, screen.name)));
    }

    // The dashboard at Tangsel's real scale, which this small roster does not reach: a budget in
    // billions ("Rp2.646.000.000" ran past its card at 1366 px) and thousands of people.
    const page = pages.admin;
    await page.route((url) => url.pathname.endsWith('/coverage'), async (route) => {
      const coverage = await (await route.fetch()).json();
      const scaled = (n: number) => n * 13_125;
      coverage.budget = { ...coverage.budget, approved: 2_646_000_000, committed: 2_646_000_000, spent: 1_323_000_000 };
      coverage.totals = { ...coverage.totals, covered: scaled(coverage.totals.covered), target: scaled(coverage.totals.target) };
      coverage.months = coverage.months.map((m: any) => ({ ...m, covered: scaled(m.covered), paid: scaled(m.paid), premiums: m.premiums * 13_125 }));
      await route.fulfill({ json: coverage });
    });
    await page.goto(`${inject('apiUrl')}/console/#/?regulation=${REGULATION_ID}&year=2027`);
    await page.getByText('Rp2.646.000.000').first().waitFor();
    overflows.push(...(await checkWidths(page, 'dashboard-tangsel-scale')));

    expect(overflows).toEqual([]);
    for (const page of Object.values(pages)) await page.context().close();
  }, 120_000);
});

/** The page at each width: a screenshot, and what sticks out sideways, each line named by page and width. */
async function checkWidths(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    found.push(...(await sidewaysOverflows(page)).map((overflow) => `${name} at ${width}px: ${overflow}`));
  }
  return found;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen in a minute`);
}

function failOnPageErrors(page: Page): void {
  page.on('pageerror', (error) => {
    throw error;
  });
}
