import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsurerSimulator, LOCAL_INSURER_API_KEY, parseBillFaults } from '../../infra/local/insurer-simulator';
import { HttpInsurerBilling } from '../../shared/adapters/insurer/http-insurer-billing';
import { HttpInsurerClient } from '../../shared/adapters/insurer/http-insurer-client';
import { InsurerRejectedRequestError } from '../../shared/core/enrollment/insurer-errors';
import { parseNik } from '../../shared/core/people/nik';
import { BillDigest } from '../../shared/core/remittance/bill-digest';
import type { BillHeader, BillLine } from '../../shared/core/remittance/insurer-bill';
import { checkInsurerBill } from '../../shared/documents/remittance/insurer-bill-file';
import { nikOf, person } from '../support/insurer-registrations';

const ACCOUNT = 'TANGSEL-01';
/** BPU JKK 1% + JKM Rp6,800 at the lowest declared income, Rp1,000,000; JHT adds 2%. */
const JKK_JKM = 16_800;
const JKK_JKM_JHT = 36_800;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lindung-insurer-bills-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 10 people on JKK + JKM all 2026, one also on JHT, one whose cover ends mid-January; one under another account. */
const REGISTERED = [
  ...Array.from({ length: 10 }, (_, i) => person(i + 1)),
  person(11, { programs: ['JKK', 'JKM', 'JHT'] }),
  person(12, { coverageEnd: '2026-01-14' }),
];

async function registerAll(simulator: InsurerSimulator): Promise<void> {
  const client = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY });
  await client.registerBatch({ wadahCode: 'SG', collectiveAccount: ACCOUNT, idempotencyKey: `bills-${simulator.url}`, people: REGISTERED });
  await client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'BEKASI-01', idempotencyKey: `bills-other-${simulator.url}`, people: [person(99)] });
}

async function fetchBill(billing: HttpInsurerBilling, month = '2026-01'): Promise<{ header: BillHeader; lines: BillLine[] }> {
  const bill = await billing.monthlyBill({ wadahCode: 'SG', collectiveAccount: ACCOUNT, month });
  const lines: BillLine[] = [];
  for await (const line of bill.lines) lines.push(line);
  return { header: bill.header, lines };
}

function billingOf(simulator: InsurerSimulator, tempDir = scratch): HttpInsurerBilling {
  return new HttpInsurerBilling({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY, tempDir });
}

function getBill(simulator: InsurerSimulator, route: string, apiKey = LOCAL_INSURER_API_KEY): Promise<Response> {
  return fetch(`${simulator.url}/v1/collective-accounts/${route}`, { headers: { 'x-api-key': apiKey } });
}

function expectAddsUp({ header, lines }: { header: BillHeader; lines: BillLine[] }): void {
  expect(header.controlCount).toBe(lines.length);
  expect(header.controlTotal).toBe(lines.reduce((sum, line) => sum + line.amount, 0));
  expect(lines.map((line) => line.line)).toEqual(lines.map((_, i) => i + 1));
  const kpjs = lines.map((line) => line.kpj!);
  expect(kpjs).toEqual([...kpjs].sort());
}

describe('the simulator\'s monthly bill, through the HTTP billing adapter', () => {
  let simulator: InsurerSimulator;

  beforeAll(async () => {
    simulator = await InsurerSimulator.start({ seed: 7 });
    await registerAll(simulator);
  });
  afterAll(() => simulator.stop());

  it('bills every member of the account covered in the month, at the insurer\'s own premium, in KPJ order', async () => {
    const bill = await fetchBill(billingOf(simulator));
    expectAddsUp(bill);
    expect(bill.header).toMatchObject({ month: '2026-01', controlCount: 12, controlTotal: 11 * JKK_JKM + JKK_JKM_JHT });
    expect(bill.header.kodeIuran).toMatch(/^\d{11}$/);
    expect(bill.lines.map((line) => line.nik)).toEqual(REGISTERED.map((p) => p.nik));
    expect(bill.lines[0]).toEqual({ line: 1, kpj: simulator.member(nikOf(1))!.kpj, nik: nikOf(1), name: 'Warga 1', segment: 'Ketua RT', month: '2026-01', amount: JKK_JKM });
    expect(bill.lines[10]?.amount).toBe(JKK_JKM_JHT);
  });

  it('bills a month whole or not at all, and gives each month its own kode iuran, the same every time', async () => {
    const billing = billingOf(simulator);
    const january = await fetchBill(billing);
    const february = await fetchBill(billing, '2026-02');
    expect(february.lines.map((line) => line.nik)).toEqual(REGISTERED.slice(0, 11).map((p) => p.nik));
    expect(february.header.kodeIuran).not.toBe(january.header.kodeIuran);
    expect((await fetchBill(billing)).header.kodeIuran).toBe(january.header.kodeIuran);
    expect((await fetchBill(billing, '2025-12')).header).toMatchObject({ controlCount: 0, controlTotal: 0 });
  });

  it('answers the same content as the file an office imports: the same digest', async () => {
    const response = await getBill(simulator, `${ACCOUNT}/bills/2026-01`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    expect(text.split('\r\n').slice(0, 7)).toEqual([
      // fetch decodes UTF-8 without the BOM the CSV writer puts first; `;` as Indonesian-locale Excel saves it.
      expect.stringMatching(/^Kode Iuran;\d{11};;;;$/),
      'Bulan;2026-01;;;;',
      'Jumlah Peserta;12;;;;',
      `Jumlah Iuran;${11 * JKK_JKM + JKK_JKM_JHT};;;;`,
      'Wadah;SG;;;;',
      `Nomor Wadah;${ACCOUNT};;;;`,
      'KPJ;NIK;Nama;Segmen;Bulan;Iuran',
    ]);
    const file = path.join(scratch, 'downloaded.csv');
    writeFileSync(file, text);
    const { header, lines } = await fetchBill(billingOf(simulator));
    const digest = new BillDigest(header);
    for (const line of lines) digest.addLine(line);
    expect((await checkInsurerBill(file)).digest).toBe(digest.hex());
  });

  it('removes its temporary download once the lines have been read', async () => {
    const tempDir = mkdtempSync(path.join(scratch, 'temp-'));
    await fetchBill(billingOf(simulator, tempDir));
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('asks for the same API key as registrations, and refuses a bad month or the wrong method', async () => {
    expect((await getBill(simulator, `${ACCOUNT}/bills/2026-01`, 'not-the-key')).status).toBe(401);
    expect((await getBill(simulator, `${ACCOUNT}/bills/2026-13`)).status).toBe(400);
    expect((await getBill(simulator, `${ACCOUNT}/bills/2026-01?faults=lost:1`)).status).toBe(400);
    expect((await fetch(`${simulator.url}/v1/collective-accounts/${ACCOUNT}/bills/2026-01`, { method: 'POST', headers: { 'x-api-key': LOCAL_INSURER_API_KEY } })).status).toBe(405);

    const wrongKey = new HttpInsurerBilling({ baseUrl: simulator.url, apiKey: 'not-the-key', tempDir: scratch });
    const error = await wrongKey.monthlyBill({ wadahCode: 'SG', collectiveAccount: ACCOUNT, month: '2026-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsurerRejectedRequestError);
    expect((error as InsurerRejectedRequestError).status).toBe(401);
  });

  it('rides out a server error by trying again', async () => {
    simulator.setFaults({ serverError: 1 });
    setTimeout(() => simulator.setFaults({}), 100);
    const bill = await fetchBill(billingOf(simulator));
    expect(bill.header.controlCount).toBe(12);
  });
});

describe('faults planted in the simulator\'s bill', () => {
  let simulator: InsurerSimulator;
  const registered = new Set(REGISTERED.map((p) => p.nik));

  beforeAll(async () => {
    simulator = await InsurerSimulator.start({ seed: 11, billFaults: { missing: 1, neverEnrolled: 2, wrongAmount: 1, duplicate: 1 } });
    await registerAll(simulator);
  });
  afterAll(() => simulator.stop());

  it('leaves one member out, bills two who never enrolled, one at a wrong amount and one twice; the file still adds up', async () => {
    const bill = await fetchBill(billingOf(simulator));
    expectAddsUp(bill);
    const niks = bill.lines.map((line) => line.nik);

    const missing = REGISTERED.filter((p) => !niks.includes(p.nik));
    expect(missing).toHaveLength(1);

    const strangers = bill.lines.filter((line) => !registered.has(line.nik));
    expect(strangers).toHaveLength(2);
    for (const stranger of strangers) {
      expect(parseNik(stranger.nik, { numericCell: false, referenceDate: '2026-01-31' }).ok).toBe(true);
      expect(stranger.kpj).toMatch(/^19\d{9}$/);
      expect(simulator.member(stranger.nik)).toBeUndefined();
    }

    const expected = (nik: string) => (nik === nikOf(11) ? JKK_JKM_JHT : JKK_JKM);
    const wrong = bill.lines.filter((line) => registered.has(line.nik) && line.amount !== expected(line.nik));
    expect(wrong).toHaveLength(1);

    const twice = niks.filter((nik, i) => niks.indexOf(nik) !== i);
    expect(twice).toHaveLength(1);
    expect(new Set([missing[0]!.nik, wrong[0]!.nik, twice[0]!]).size).toBe(3);

    expect(bill.lines).toHaveLength(REGISTERED.length - 1 + 2 + 1);
    // The same bill every time.
    expect(await fetchBill(billingOf(simulator))).toEqual(bill);
  });

  it('lets a request choose its own faults, or none', async () => {
    const text = async (query: string) => (await getBill(simulator, `${ACCOUNT}/bills/2026-01${query}`)).text();
    expect(await text('?faults=')).toMatch(/Jumlah Peserta;12;/);
    expect(await text('?faults=missing:2')).toMatch(/Jumlah Peserta;10;/);
  });

  it('parses the faults query', () => {
    expect(parseBillFaults('missing:1, neverEnrolled:2,wrongAmount:3,duplicate:1')).toEqual({ missing: 1, neverEnrolled: 2, wrongAmount: 3, duplicate: 1 });
    expect(parseBillFaults(undefined)).toEqual({});
    expect(() => parseBillFaults('missing=1')).toThrow(/missing:1,neverEnrolled:1,wrongAmount:1/);
    expect(() => parseBillFaults('missing:-1')).toThrow();
  });
});
