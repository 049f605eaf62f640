import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { api, tokenFor } from '../support/api';
import { enrollFor2027 } from '../support/enrolled-people';
import { personRow } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');

interface Ran {
  stdout: string;
  stderr: string;
}

/** A NIK of district 08 of Tangerang Selatan (3674), which no other test uses. */
function district08Nik(birthDate: string, gender: 'L' | 'P', serial: number): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  return `367408${String(Number(day) + (gender === 'P' ? 40 : 0)).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

const PEOPLE = [
  { nik: district08Nik('1975-03-12', 'L', 8001), name: 'Bambang Sutrisno', birthDate: '1975-03-12', gender: 'L', segment: 'KETUA_RT' },
  { nik: district08Nik('1981-07-04', 'P', 8002), name: 'Sri Wahyuni', birthDate: '1981-07-04', gender: 'P', segment: 'KETUA_RT' },
  { nik: district08Nik('1969-11-23', 'L', 8003), name: 'Ahmad Fauzi', birthDate: '1969-11-23', gender: 'L', segment: 'KETUA_RT' },
  { nik: district08Nik('1990-01-30', 'P', 8004), name: 'Dewi Lestari', birthDate: '1990-01-30', gender: 'P', segment: 'KADER_KESEHATAN' },
  { nik: district08Nik('1986-09-09', 'P', 8005), name: 'Nur Aini', birthDate: '1986-09-09', gender: 'P', segment: 'KADER_KESEHATAN' },
] as const;

/** The words below are the English ones (cli-language.test.ts runs remit in both languages). */
const ENGLISH = { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

const PREMIUM = 16_800;
const KODE_IURAN = '36740800127';

/** The insurer's bill as the BPJS branch sends it: key/value header rows, the column row, one row per person. */
function billCsv(dir: string, name: string, header: { count: number; total: number }, lines: readonly (readonly (string | number)[])[]): string {
  const file = path.join(dir, name);
  const rows = [
    ['Kode Iuran', KODE_IURAN],
    ['Bulan', '2027-01'],
    ['Jumlah Peserta', header.count],
    ['Jumlah Iuran', header.total],
    ['KPJ', 'NIK', 'Nama', 'Segmen', 'Bulan', 'Iuran'],
    ...lines,
  ];
  writeFileSync(file, rows.map((cells) => cells.join(';')).join('\r\n'));
  return file;
}

describe('npx lindung remit', () => {
  it("shows the expected bills, refuses a bill that does not add up, imports and reconciles one, accepts it, records its SP2D by another officer, and shows the arrears", async () => {
    const regulationId = 'perwal-remit-cli';
    const [admin, rina, dewi] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'rina'), tokenFor('finance', 'dewi')]);
    expect((await api('PUT', `/regulations/${regulationId}`, { token: admin, body: tangselRegulation(regulationId) })).status).toBe(200);
    const kpjOf = await enrollFor2027(regulationId, PEOPLE.map((p) => personRow(p.nik, p.name, p.birthDate, p.gender, p.segment)));

    const as = (token: string) => (args: string[]): Promise<Ran> =>
      run(lindungBin, args, { env: { ...process.env, ...ENGLISH, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: token } });
    const refused = (ran: Promise<Ran>): Promise<Ran> =>
      ran.then(
        (result) => {
          throw new Error(`expected a refusal, got: ${result.stdout}`);
        },
        (error: Ran) => error,
      );
    const asRina = as(rina);
    const asDewi = as(dewi);

    // What the insurer should bill: January's people and premiums, per segment and in total.
    const bills = await asRina(['remit', 'bills', '--regulation', regulationId, '--year', '2027']);
    expect(bills.stdout).toMatch(/^2027-01 {2}2027-01-15 {2}KADER_KESEHATAN +2 +Rp33\.600$/m);
    expect(bills.stdout).toMatch(/^ +KETUA_RT +3 +Rp50\.400$/m);
    expect(bills.stdout).toMatch(/^ +control +5 +Rp84\.000 {2}none imported$/m);
    const expected = JSON.parse((await asRina(['--json', 'remit', 'bills', '--regulation', regulationId, '--year', '2027'])).stdout);
    expect(expected.bills).toHaveLength(12);
    expect(expected.bills[0]).toMatchObject({ month: '2027-01', dueDate: '2027-01-15', controlCount: 5, controlTotal: 5 * PREMIUM });

    // One person billed Rp17.800 instead of Rp16.800; the header adds up to the lines.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-remit-cli-'));
    const wrong = PEOPLE[1];
    const lines = PEOPLE.map((p) => [kpjOf.get(p.nik) ?? '', p.nik, p.name, p.segment, '2027-01', p === wrong ? PREMIUM + 1_000 : PREMIUM]);
    const billed = 5 * PREMIUM + 1_000;

    // A bill whose lines do not add up to its own control total is refused before anything is sent.
    const badControl = billCsv(dir, 'tagihan-salah.csv', { count: 5, total: 5 * PREMIUM }, lines);
    const notAddingUp = await refused(asRina(['remit', 'import', '--regulation', regulationId, badControl]));
    expect(notAddingUp.stderr).toContain('tagihan-salah.csv is refused and nothing was uploaded');
    expect(notAddingUp.stderr).toContain('but its lines add up to 5 people');
    const afterRefusal = JSON.parse((await asRina(['--json', 'remit', 'bills', '--regulation', regulationId, '--year', '2027'])).stdout);
    expect(afterRefusal.bills[0].bill).toBeUndefined();

    // The bill imported, uploaded and reconciled: one amount differs.
    const billFile = billCsv(dir, 'tagihan-2027-01.csv', { count: 5, total: billed }, lines);
    const importedBill = await asRina(['remit', 'import', '--regulation', regulationId, billFile]);
    expect(importedBill.stdout).toMatch(/: reconciled$/m);
    expect(importedBill.stdout).toMatch(/^ +expected \(the ledger\) +5 +Rp84\.000$/m);
    expect(importedBill.stdout).toMatch(/^ +billed \(its lines\) +5 +Rp85\.000$/m);
    expect(importedBill.stdout).toMatch(/^ +matched +4$/m);
    expect(importedBill.stdout).toMatch(/^ +amount-differs +1 {2}\(Amount differs\)$/m);
    expect(importedBill.stderr).toMatch(/uploading: 5\/5/);
    const billId = importedBill.stdout.match(/^Bill (\S+):/m)![1]!;
    const shown = JSON.parse((await asRina(['--json', 'remit', 'show', billId])).stdout);
    expect(shown).toMatchObject({
      status: 'reconciled',
      kodeIuran: KODE_IURAN,
      controlCount: 5,
      controlTotal: billed,
      reconciliation: { expected: { people: 5, amount: 5 * PREMIUM }, billed: { people: 5, amount: billed }, matched: 4, discrepancies: { 'amount-differs': 1 } },
    });

    // The same file again is the bill already open; another file for the month is a conflict naming it.
    const again = await asRina(['remit', 'import', '--regulation', regulationId, billFile]);
    expect(again.stdout).toContain(`Already imported: ${billFile} is bill ${billId}; nothing changed.`);
    expect(again.stdout).toMatch(/: reconciled$/m);
    const corrected = billCsv(dir, 'tagihan-koreksi.csv', { count: 5, total: 5 * PREMIUM }, lines.map((l) => [...l.slice(0, 5), PREMIUM]));
    const conflict = await refused(asRina(['remit', 'import', '--regulation', regulationId, corrected]));
    expect(conflict.stderr).toContain('Rejected (409)');
    expect(conflict.stderr).toContain(billId);

    // The discrepancies: masked in words, whole in JSON; and the report.
    const listed = await asRina(['remit', 'discrepancies', billId]);
    expect(listed.stdout).toContain(`${wrong.nik.slice(0, 4)}********${wrong.nik.slice(12)}`);
    expect(listed.stdout).not.toContain(wrong.nik);
    expect(listed.stdout).toContain('amount-differs: expected Rp16.800, billed Rp17.800 (line 2)');
    const listedJson = JSON.parse((await asRina(['--json', 'remit', 'discrepancies', billId, '--kind', 'amount-differs'])).stdout);
    expect(listedJson.discrepancies).toEqual([expect.objectContaining({ nik: wrong.nik, kind: 'amount-differs', expected: PREMIUM, billed: PREMIUM + 1_000 })]);
    const report = path.join(dir, 'rekonsiliasi.csv');
    expect((await asRina(['remit', 'report', billId, '-o', report])).stdout).toContain(`with 1 discrepancy to ${report}`);
    const reportRows: string[][] = [];
    for await (const row of readSpreadsheet(report)) reportRows.push(row.cells.map((c) => c.text));
    expect(reportRows.some((row) => row[0] === `${wrong.nik.slice(0, 4)}********${wrong.nik.slice(12)}`)).toBe(true);
    expect(reportRows.flat()).not.toContain(wrong.nik);

    // Disputed, accepted by rina: payable is the total less what the line bills beyond the premium.
    expect((await asRina(['remit', 'dispute', billId, '--nik', wrong.nik, '--note', 'Tarif salah, seharusnya Rp16.800'])).stdout).toContain('Rp1.000 is held back');
    const accepted = await asRina(['remit', 'accept', billId, '--note', 'Sesuai rekonsiliasi']);
    expect(accepted.stdout).toMatch(/: accepted$/m);
    expect(accepted.stdout).toContain('accepted by rina');
    expect(accepted.stdout).toContain('payable Rp84.000, 1 person disputed (Rp1.000 held back)');

    // Separation of duties: whoever accepted the bill does not record its payment; another officer does.
    const payment = ['remit', 'pay', billId, '--sp2d', '00127/SP2D/LS/2027', '--date', '2027-01-12', '--amount', '84.000', '--kode-iuran', KODE_IURAN];
    const notRina = await refused(asRina(payment));
    expect(notRina.stderr).toContain('Rejected (403): rina accepted bill');
    expect(notRina.stderr).toContain('another finance officer must');
    expect(notRina.stderr).not.toContain('holds that role');
    const paid = await asDewi(payment);
    expect(paid.stdout).toContain('paid Rp84.000 by SP2D 00127/SP2D/LS/2027 of 2027-01-12, recorded by dewi');
    expect(paid.stdout).toContain('lunas: paid in full (Rp84.000)');

    // An accepted bill is not withdrawn, and has no reconciliation to resume; an admin imports no bill.
    const notWithdrawn = await refused(asRina(['remit', 'withdraw', billId, '--reason', 'Tagihan koreksi']));
    expect(notWithdrawn.stderr).toContain('Rejected (409)');
    expect(notWithdrawn.stderr).toContain('it was accepted');
    expect((await asRina(['remit', 'reconcile', billId])).stdout).toContain(`Bill ${billId} is accepted: there is no reconciliation to resume.`);
    const notAdmin = await refused(as(admin)(['remit', 'import', '--regulation', regulationId, billFile]));
    expect(notAdmin.stderr).toContain('Rejected (403)');
    expect(notAdmin.stderr).toContain('needs the finance role');

    // The arrears: January paid; if nothing more is paid, everyone loses cover after three unpaid months.
    const arrears = await asRina(['remit', 'arrears', '--regulation', regulationId, '--year', '2027']);
    expect(arrears.stdout).toMatch(/^2027-01 {2}2027-01-15 {2}Paid +5 +Rp84\.000 +Rp84\.000 {2}/m);
    expect(arrears.stdout).toMatch(/^2027-02 {2}2027-02-15 {2}(Upcoming|Due|Late) /m);
    expect(arrears.stdout).toContain(
      'Who would lose cover, and when: if nothing more is paid, 5 people (KADER_KESEHATAN 2, KETUA_RT 3) lose their membership and protection on 2027-04-16, after 3 unpaid months (February 2027, March 2027, April 2027).',
    );
    const watch = JSON.parse((await asRina(['--json', 'remit', 'arrears', '--regulation', regulationId, '--year', '2027'])).stdout);
    expect(watch.months[0]).toMatchObject({ month: '2027-01', state: 'paid', paid: 84_000, billId });
  }, 180_000);
});
