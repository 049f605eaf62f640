import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { runPeople, waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { launchChromium } from './chromium';
import { signedInPage } from './sign-in';

/**
 * The console's "Iuran & rekonsiliasi": a month's expected bill and the insurer's bill imported
 * for it (through the API, as the CLI does), the reconciliation and its one discrepancy (NIKs
 * masked), a finance officer's dispute and acceptance, another officer's SP2D, and the month paid.
 */

const REGULATION_ID = 'perwal-tangsel-remit-console';
const KODE_IURAN = '12345678901';
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'browser');

/** A NIK of district 09 of Tangerang Selatan (3674), which no other test's roster reaches. */
function district09Nik(birthDate: string, gender: 'L' | 'P', serial: number): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  return `367409${String(Number(day) + (gender === 'P' ? 40 : 0)).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

const PEOPLE = [
  { nik: district09Nik('1972-04-18', 'L', 9001), name: 'Hendra Kusuma', birthDate: '1972-04-18', gender: 'L', segment: 'KETUA_RT' },
  { nik: district09Nik('1984-10-02', 'P', 9002), name: 'Ratna Suryani', birthDate: '1984-10-02', gender: 'P', segment: 'KETUA_RT' },
  { nik: district09Nik('1979-06-25', 'L', 9003), name: 'Slamet Riyadi', birthDate: '1979-06-25', gender: 'L', segment: 'KETUA_RT' },
  { nik: district09Nik('1991-12-07', 'P', 9004), name: 'Euis Rohmah', birthDate: '1991-12-07', gender: 'P', segment: 'KADER_KESEHATAN' },
] as const;

/** The person the insurer bills Rp1.000 too much. */
const WRONG = PEOPLE[1];
const OVERCHARGE = 1_000;

let browser: Promise<Browser> | undefined;
let billId: string;
let premiumOf: Map<string, number>;

beforeAll(async () => {
  const [admin, siti, rina] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('finance', 'rina')]);
  expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: tangselRegulation(REGULATION_ID) })).status).toBe(200);
  const imported = await importRoster(REGULATION_ID, rosterCsv(PEOPLE.map((p) => personRow(p.nik, p.name, p.birthDate, p.gender, p.segment))));
  expect(imported).toMatchObject({ status: 'completed', accepted: PEOPLE.length, rejected: 0 });
  const proposal = await propose(admin, { regulationId: REGULATION_ID, year: 2027, cohort: 'original' });
  expect((await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: siti, body: { decision: 'approve' } })).status).toBe(200);
  expect(await waitForProposal(admin, proposal.proposalId, ['pending-decision', 'allocating'])).toMatchObject({ status: 'approved' });
  const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: proposal.proposalId } });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  expect(await waitForRun(admin, started.body.runId)).toMatchObject({ status: 'completed' });
  const kpjOf = new Map((await runPeople(admin, started.body.runId, 'enrolled')).map((p) => [p.nik as string, p.kpj as string]));

  // January's premium per person of each segment, from the expected bill.
  const expected = await api('GET', `/regulations/${REGULATION_ID}/bills?year=2027`, { token: rina });
  const january = expected.body.bills.find((b: any) => b.month === '2027-01');
  premiumOf = new Map(january.segments.map((s: any) => [s.segment as string, s.amount / s.people]));

  // The insurer's bill, imported through the API as a client does: open, one chunk, complete.
  const lines = PEOPLE.map((p, i) => ({
    line: i + 1,
    kpj: kpjOf.get(p.nik),
    nik: p.nik,
    name: p.name,
    segment: p.segment,
    month: '2027-01',
    amount: premiumOf.get(p.segment)! + (p === WRONG ? OVERCHARGE : 0),
  }));
  const header = { kodeIuran: KODE_IURAN, month: '2027-01', controlCount: lines.length, controlTotal: lines.reduce((sum, l) => sum + l.amount, 0) };
  const fileDigest = createHash('sha256').update(`${REGULATION_ID} ${JSON.stringify(lines)} ${Date.now()}`).digest('hex');
  const opened = await api('POST', `/regulations/${REGULATION_ID}/bills`, { token: rina, body: { header, fileName: 'tagihan.csv', fileDigest } });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  billId = opened.body.billId;
  const chunk = await api('PUT', `/bills/${billId}/chunks/0`, { token: rina, body: { lines } });
  expect(chunk.status, JSON.stringify(chunk.body)).toBe(200);
  const completed = await api('POST', `/bills/${billId}/complete`, { token: rina, body: { chunks: 1, lines: lines.length } });
  expect(completed.status, JSON.stringify(completed.body)).toBe(202);
  for (let i = 0; ; i++) {
    const bill = (await api('GET', `/bills/${billId}`, { token: rina })).body;
    if (bill.status === 'reconciled') break;
    if (bill.status !== 'reconciling' || i > 300) throw new Error(`bill ${billId} is ${bill.status}: ${bill.failure ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);

afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

describe('Iuran & rekonsiliasi', () => {
  it('shows the month and its bill, lists the discrepancy masked, and takes a dispute, the acceptance and another officer’s SP2D to a paid month', async () => {
    browser ??= launchChromium();
    const monthPage = `${inject('apiUrl')}/console/#/iuran?regulation=${REGULATION_ID}&year=2027`;
    const rina = await signedInPage(await browser, 'rina', 'finance');
    failOnPageErrors(rina);
    await rina.goto(monthPage);
    await rina.getByRole('heading', { name: 'Iuran & rekonsiliasi' }).waitFor();

    // January: the expected bill, the insurer's bill (kode iuran, status), and its state.
    const january = rina.getByTestId('bill-2027-01');
    await expectText(january.getByRole('link'), `Kode iuran ${KODE_IURAN}`);
    expect(await january.textContent()).toContain('Direkonsiliasi');
    await expectText(rina.getByTestId('state-2027-01'), 'Belum');
    // Nothing is paid yet: who would lose cover, and when.
    await rina.getByText(`Jika tidak ada pembayaran, kepesertaan ${PEOPLE.length} orang nonaktif sejak`).waitFor();

    // The bill: one amount differs, the others match; the person is listed with a masked NIK only.
    await january.getByRole('link').click();
    await rina.getByRole('heading', { name: 'Tagihan Januari 2027' }).waitFor();
    await expectText(rina.getByTestId('count-amount-differs'), '1');
    await expectText(rina.getByTestId('matched'), `${PEOPLE.length - 1} orang`);
    const rows = rina.getByRole('table', { name: 'Selisih per orang' }).locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`${WRONG.nik.slice(0, 4)}********${WRONG.nik.slice(12)}`);
    expect(await rows.first().textContent()).toContain(WRONG.name);
    await expectNoFullNik(rina);

    // Dispute the line with a note, then accept the bill: the disputed amount is held back.
    await rows.first().getByText('Sanggah', { exact: true }).click();
    await rina.getByLabel(/^Catatan sanggahan untuk/).fill('Iuran ditagih Rp1.000 lebih dari tarif');
    await rina.getByRole('button', { name: 'Kirim sanggahan' }).click();
    await expectContains(rina.getByTestId('dispute-note'), 'Iuran ditagih Rp1.000 lebih dari tarif');
    await rina.getByRole('button', { name: 'Terima tagihan' }).click();
    // The wrong line's excess is held back; the premium the person is owed is still paid.
    const payable = PEOPLE.reduce((sum, p) => sum + premiumOf.get(p.segment)!, 0);
    await expectText(rina.getByTestId('payable'), formatRupiahForTest(payable));
    const accepted = (await api('GET', `/bills/${billId}`, { token: await tokenFor('auditor') })).body;
    expect(accepted).toMatchObject({ status: 'accepted', acceptance: { by: 'rina', payable, disputed: { people: 1 } } });
    await expectText(rina.getByTestId('acceptance-hash'), accepted.acceptance.hash);
    // Whoever accepted a bill does not record its payment.
    await rina.getByText('Anda menerima tagihan ini, jadi petugas BPKAD lain yang mencatat pembayarannya.').waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await rina.screenshot({ path: path.join(SCREENSHOTS, 'remittance-bill.png'), fullPage: true });
    await expectNoFullNik(rina);
    await rina.context().close();

    // Another finance officer records the SP2D; a wrong kode iuran is refused with the server's reason.
    const dewi = await signedInPage(await browser, 'dewi', 'finance');
    failOnPageErrors(dewi);
    await dewi.goto(`${inject('apiUrl')}/console/#/tagihan/${billId}`);
    await dewi.getByRole('heading', { name: 'Tagihan Januari 2027' }).waitFor();
    await dewi.getByLabel('Nomor SP2D').fill('SP2D-0042/BPKAD/2027');
    await dewi.getByLabel('Tanggal SP2D').fill('2027-01-12');
    expect(await dewi.getByLabel('Jumlah (Rp)').inputValue()).toBe(String(payable));
    await dewi.getByLabel('Kode iuran').fill('12345678900');
    await dewi.getByRole('button', { name: 'Catat pembayaran' }).click();
    await expectContains(dewi.getByRole('alert'), 'The kode iuran does not match the bill');
    await dewi.getByLabel('Kode iuran').fill(KODE_IURAN);
    await dewi.getByRole('button', { name: 'Catat pembayaran' }).click();
    await expectText(dewi.getByTestId('remaining'), 'Rp0');
    await expectText(dewi.getByTestId('paid'), formatRupiahForTest(payable));
    expect(await dewi.getByRole('table', { name: 'Pembayaran yang dicatat' }).textContent()).toContain('SP2D-0042/BPKAD/2027');

    // The month is paid.
    await dewi.goto(monthPage);
    await dewi.getByRole('heading', { name: 'Iuran & rekonsiliasi' }).waitFor();
    await expectText(dewi.getByTestId('state-2027-01'), 'Lunas');
    await dewi.screenshot({ path: path.join(SCREENSHOTS, 'remittance-months.png'), fullPage: true });
    await expectNoFullNik(dewi);
    await dewi.context().close();
  }, 60_000);
});

function failOnPageErrors(page: Page): void {
  page.on('pageerror', (error) => {
    throw error;
  });
}

/** No roster NIK appears whole anywhere in the page: not in its text, nor in its markup. */
async function expectNoFullNik(page: Page): Promise<void> {
  const [text, html] = await Promise.all([page.locator('body').innerText(), page.content()]);
  for (const person of PEOPLE) {
    expect(text).not.toContain(person.nik);
    expect(html).not.toContain(person.nik);
  }
}

/** Waits until the element's text is `text` (the page updates as the API answers). */
async function expectText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await locator.textContent({ timeout }))?.trim(), { timeout, interval: 100 }).toBe(text);
}

/** Waits until the element's text contains `text`. */
async function expectContains(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await locator.textContent({ timeout })) ?? '', { timeout, interval: 100 }).toContain(text);
}

/** What the console shows, written independently of its code: `Rp1.234.567`. */
function formatRupiahForTest(amount: number): string {
  return `Rp${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}
