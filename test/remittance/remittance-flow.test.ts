import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenewalStack } from '../renewal/renewal-stack';
import { personRow, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/**
 * The finance office's monthly close end to end, through the API and the real state machines on
 * a stack of its own (the business clock moves through 2027): the expected bill, a bill that does
 * not add up refused with the difference, the insurer's bill reconciled person by person with
 * every kind of discrepancy, duplicate imports, disputes, acceptance, payments by SP2D with
 * separation of duties, and the arrears watch month by month.
 */

const REGULATION = 'perwal-remittance-flow';
const KODE_JANUARI = '55500000001';
const KODE_FEBRUARI = '55500000002';

const birthDate = (i: number) => `1980-0${i + 1}-1${i}`;
const [missing, wrongAmount, twice, fine1, fine2, dies] = [31, 32, 33, 34, 35, 36].map((serial, i) => tangselNik(birthDate(i), i % 2 ? 'P' : 'L', serial)) as [string, string, string, string, string, string];
const stranger = tangselNik('1981-01-01', 'L', 37);
const people = [missing, wrongAmount, twice, fine1, fine2, dies];

let local: RenewalStack;
let admin: string;
let finance: string;
let treasurer: string;
let auditor: string;
let premium: number;
const kpj = new Map<string, string>();

beforeAll(async () => {
  local = await RenewalStack.start('2026-12-01');
  [admin, finance, treasurer, auditor] = await Promise.all([local.token('admin', 'ani'), local.token('finance', 'siti'), local.token('finance', 'bendahara'), local.token('auditor', 'budi')]);
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

interface Line { nik: string; amount: number; name?: string }

/** Uploads a bill the way the CLI does: open with the header and digest, one chunk, complete. */
async function importBill(month: string, kodeIuran: string, lines: Line[], control?: { count: number; total: number }) {
  const billLines = lines.map((line, i) => ({ line: i + 1, kpj: kpj.get(line.nik) ?? '19999999999', nik: line.nik, name: line.name ?? `Warga ${line.nik.slice(-4)}`, segment: 'KETUA_RT', month, amount: line.amount }));
  const header = { kodeIuran, month, controlCount: control?.count ?? lines.length, controlTotal: control?.total ?? lines.reduce((sum, l) => sum + l.amount, 0) };
  const fileDigest = createHash('sha256').update(JSON.stringify({ header, billLines })).digest('hex');
  const opened = await local.api('POST', `/regulations/${REGULATION}/bills`, finance, { header, fileName: `tagihan-${month}.csv`, fileDigest });
  if (opened.status !== 201) return { opened };
  const billId = opened.body.billId as string;
  expect((await local.api('PUT', `/bills/${billId}/chunks/0`, finance, { lines: billLines })).status).toBe(200);
  const completed = await local.api('POST', `/bills/${billId}/complete`, finance, { chunks: 1, lines: billLines.length });
  return { opened, completed, billId, header, fileDigest };
}

const reconciled = (billId: string) => local.waitFor(`/bills/${billId}`, auditor, (bill) => bill.status === 'reconciled' || bill.status === 'failed', `bill ${billId}`);
const arrears = async () => (await local.api('GET', `/regulations/${REGULATION}/arrears?year=2027`, auditor)).body;
const stateOf = (watch: any, month: string) => watch.months.find((m: any) => m.month === month)?.state;

describe("the finance office's monthly close", () => {
  it('reconciles, accepts, pays and watches arrears through a year', async () => {
    // ---- Six Ketua RT enrolled for 2027 ----
    expect((await local.api('PUT', `/regulations/${REGULATION}`, admin, tangselRegulation(REGULATION))).status).toBe(200);
    const rows = people.map((nik, i) => personRow(nik, `Warga ${nik.slice(-4)}`, birthDate(i), i % 2 ? 'P' : 'L', 'KETUA_RT'));
    expect(await local.importRoster(REGULATION, rows, '2027-01-01', admin)).toMatchObject({ status: 'completed', accepted: 6 });
    const requested = await local.api('POST', '/proposals', admin, { regulationId: REGULATION, year: 2027, cohort: 'original', clientToken: 'remittance-flow-2027' });
    await local.waitFor(`/proposals/${requested.body.proposalId}`, auditor, (p) => p.status === 'pending-decision', 'proposal');
    expect((await local.api('POST', `/proposals/${requested.body.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(200);
    const started = await local.api('POST', '/enrollment-runs', admin, { proposalId: requested.body.proposalId });
    const run = await local.waitFor(`/enrollment-runs/${started.body.runId}`, auditor, (r) => r.status !== 'running', 'run');
    expect(run).toMatchObject({ status: 'completed', counts: { enrolled: 6 } });
    premium = run.invoice.lines.find((line: any) => line.month === '2027-01').premium;
    for (const nik of people) kpj.set(nik, local.insurer.member(nik)!.kpj);

    // ---- The expected bill: six people in January ----
    await local.setClock('2027-01-05T03:00:00Z', admin);
    const expected = await local.api('GET', `/regulations/${REGULATION}/bills?year=2027`, auditor);
    const january = expected.body.bills.find((b: any) => b.month === '2027-01');
    expect(january).toMatchObject({ controlCount: 6, controlTotal: 6 * premium, dueDate: '2027-01-15', wadahCode: 'SG' });
    expect(expected.body.bills).toHaveLength(12);

    // ---- A death on 20 January: billed through January, not from February ----
    await local.setClock('2027-01-25T03:00:00Z', admin);
    expect((await local.api('POST', '/life-events', admin, { nik: dies, kind: 'death', effectiveDate: '2027-01-20' })).status).toBe(201);
    const afterDeath = (await local.api('GET', `/regulations/${REGULATION}/bills?year=2027`, auditor)).body.bills;
    expect(afterDeath.find((b: any) => b.month === '2027-02').controlCount).toBe(5);

    // ---- A bill whose lines do not add up is refused with the difference, and frees its month ----
    const short = await importBill('2027-01', KODE_JANUARI, [{ nik: fine1, amount: premium }], { count: 2, total: 2 * premium });
    expect(short.completed!.status).toBe(400);
    expect(short.completed!.body.detail).toContain('1 person and');
    expect(short.completed!.body.detail).toContain('fewer). Ask the BPJS branch for a corrected bill.');
    expect((await local.api('GET', `/bills/${short.billId}`, auditor)).body).toMatchObject({ status: 'refused' });

    // ---- January's bill with four planted discrepancies ----
    const januaryLines: Line[] = [
      { nik: wrongAmount, amount: premium + 1_000 },
      { nik: twice, amount: premium },
      { nik: twice, amount: premium },
      { nik: fine1, amount: premium },
      { nik: fine2, amount: premium },
      { nik: dies, amount: premium },
      { nik: stranger, amount: premium, name: 'Tidak Terdaftar' },
    ];
    const jan = await importBill('2027-01', KODE_JANUARI, januaryLines);
    expect(jan.completed!.status, JSON.stringify(jan.completed!.body)).toBe(202);
    const janBill = await reconciled(jan.billId!);
    expect(janBill).toMatchObject({
      status: 'reconciled',
      reconciliation: {
        expected: { people: 6, amount: 6 * premium },
        billed: { people: 7, amount: 7 * premium + 1_000 },
        matched: 3,
        discrepancies: { 'not-billed': 1, 'amount-differs': 1, 'billed-twice': 1, 'not-enrolled': 1 },
      },
    });
    const found = (await local.api('GET', `/bills/${jan.billId}/discrepancies?limit=100`, finance)).body.items;
    expect(Object.fromEntries(found.map((d: any) => [d.nik, d.kind]))).toEqual({
      [missing]: 'not-billed',
      [wrongAmount]: 'amount-differs',
      [twice]: 'billed-twice',
      [stranger]: 'not-enrolled',
    });
    for (const d of found) expect(d.detail).not.toMatch(/\d{16}/);

    // ---- The same file again is a no-op; another file for January is a 409 naming the bill ----
    const again = await local.api('POST', `/regulations/${REGULATION}/bills`, finance, { header: jan.header, fileName: 'lagi.csv', fileDigest: jan.fileDigest });
    expect(again.body).toMatchObject({ billId: jan.billId, status: 'reconciled' });
    const other = await importBill('2027-01', KODE_JANUARI, [{ nik: fine1, amount: premium }]);
    expect(other.opened.status).toBe(409);
    expect(other.opened.body.detail).toContain(jan.billId);

    // ---- Dispute the stranger, accept, pay by SP2D (never by the acceptor) ----
    expect((await local.api('POST', `/bills/${jan.billId}/disputes`, finance, { nik: stranger, note: 'Bukan peserta wadah ini' })).status).toBe(200);
    const accepted = await local.api('POST', `/bills/${jan.billId}/acceptance`, finance, { note: 'Satu baris disanggah' });
    expect(accepted.body.acceptance).toMatchObject({ by: 'siti', payable: 6 * premium + 1_000, disputed: { people: 1, amount: premium } });
    expect(accepted.body.acceptance.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await local.api('POST', `/bills/${jan.billId}/disputes`, finance, { nik: missing, note: 'terlambat' })).status).toBe(409);

    const payment = { sp2dNumber: '0101/SP2D/2027', sp2dDate: '2027-01-14', amount: 4 * premium, kodeIuran: KODE_JANUARI };
    const byAcceptor = await local.api('POST', `/bills/${jan.billId}/payments`, finance, payment);
    expect(byAcceptor.status).toBe(403);
    expect(byAcceptor.body.detail).toContain('another finance officer');
    expect((await local.api('POST', `/bills/${jan.billId}/payments`, treasurer, { ...payment, kodeIuran: '55500000009' })).status).toBe(400);
    expect((await local.api('POST', `/bills/${jan.billId}/payments`, treasurer, payment)).body).toMatchObject({ paid: 4 * premium });
    expect((await local.api('POST', `/bills/${jan.billId}/payments`, treasurer, payment)).body).toMatchObject({ paid: 4 * premium, payments: [{ sp2dNumber: payment.sp2dNumber }] });
    const over = await local.api('POST', `/bills/${jan.billId}/payments`, treasurer, { ...payment, sp2dNumber: '0102/SP2D/2027', amount: 3 * premium });
    expect(over.status).toBe(400);
    expect(over.body.detail).toContain('Overpayment refused');
    expect((await local.api('POST', `/bills/${jan.billId}/payments`, treasurer, { ...payment, sp2dNumber: '0102/SP2D/2027', amount: 2 * premium + 1_000 })).body).toMatchObject({ paid: 6 * premium + 1_000 });

    // Coverage tells covered and paid from enrolled, and "spent" is what was paid.
    const coverage = (await local.api('GET', `/coverage?regulationId=${REGULATION}&year=2027`, auditor)).body;
    expect(coverage.months.slice(0, 2).map((m: any) => [m.covered, m.paid])).toEqual([[6, 6], [5, 0]]);
    expect(coverage.budget).toMatchObject({ committed: run.committedAmount - 11 * premium, spent: 6 * premium + 1_000 });

    // ---- February: the person who died is billed after cover ended ----
    const feb = await importBill('2027-02', KODE_FEBRUARI, [missing, wrongAmount, twice, fine1, fine2, dies].map((nik) => ({ nik, amount: premium })));
    const febBill = await reconciled(feb.billId!);
    expect(febBill.reconciliation).toMatchObject({ expected: { people: 5, amount: 5 * premium }, matched: 5, discrepancies: { 'billed-after-cover-ended': 1 } });
    const ended = (await local.api('GET', `/bills/${feb.billId}/discrepancies?kind=billed-after-cover-ended`, auditor)).body.items;
    expect(ended.map((d: any) => d.nik)).toEqual([dies]);

    // ---- The arrears watch through the year: January paid, nothing else ----
    await local.setClock('2027-02-10T03:00:00Z', admin);
    let watch = await arrears();
    expect([stateOf(watch, '2027-01'), stateOf(watch, '2027-02'), stateOf(watch, '2027-03')]).toEqual(['paid', 'due', 'upcoming']);
    expect(watch.losesCover).toMatchObject({ on: '2027-04-16', unpaidMonths: ['2027-02', '2027-03', '2027-04'], people: 5 });

    const fired = await local.setClock('2027-02-16T03:00:00Z', admin);
    expect(fired.fired.map((f) => f.schedule).join(' ')).toContain('DailyWatch');
    expect(stateOf(await arrears(), '2027-02')).toBe('late');
    await local.setClock('2027-03-16T03:00:00Z', admin);
    watch = await arrears();
    expect([stateOf(watch, '2027-02'), stateOf(watch, '2027-03')]).toEqual(['late', 'at-risk']);
    await local.setClock('2027-04-16T03:00:00Z', admin);
    watch = await arrears();
    expect(watch.months.slice(0, 4).map((m: any) => m.state)).toEqual(['paid', 'late', 'at-risk', 'inactive']);

    // The daily watch recorded each change in the trail, in Bahasa Indonesia.
    const trail = await local.waitFor(`/audit-events?entity=regulation:${REGULATION}&limit=100`, auditor, (page) => page.events.some((e: any) => e.action === 'remittance.inactive'), 'the watch in the trail');
    const actions = trail.events.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['remittance.paid', 'remittance.late', 'remittance.at-risk', 'remittance.inactive']));
    expect(trail.events.find((e: any) => e.action === 'remittance.inactive').summary).toContain('April 2027');
  }, 240_000);
});
