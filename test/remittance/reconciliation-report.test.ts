import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Discrepancy, DiscrepancyKind, InsurerBill } from '../../shared/core/remittance/insurer-bill';
import {
  DISCREPANCY_LABELS,
  RECONCILIATION_REPORT_HEADER,
  reconciliationTitleRows,
  writeReconciliationReport,
} from '../../shared/documents/remittance/reconciliation-report';
import { readRows, readTexts, scratchDir } from '../spreadsheets/helpers';
import { nikOf } from '../support/insurer-registrations';

const file = scratchDir();

const BILL: InsurerBill = {
  billId: 'tangsel-2027-01-12345678901',
  regulationId: 'perwal-tangsel-25-2019',
  year: 2027,
  month: '2027-01',
  wadahCode: 'SG',
  attempt: 1,
  kodeIuran: '12345678901',
  controlCount: 5,
  controlTotal: 84_000,
  fileName: 'tagihan-januari-2027.csv',
  fileDigest: 'a'.repeat(64),
  source: 'file',
  status: 'accepted',
  received: { people: 5, amount: 84_000 },
  reconciliation: {
    expected: { people: 4, amount: 67_200 },
    billed: { people: 5, amount: 84_000 },
    matched: 1,
    discrepancies: { 'not-enrolled': 1, 'not-billed': 1, 'amount-differs': 1, 'billed-after-cover-ended': 1, 'billed-twice': 1 },
    discrepantAmount: 67_200,
    ledgerHash: 'b'.repeat(64),
    finishedAt: '2027-02-03T02:00:00Z',
  },
  acceptance: {
    by: 'Budi (BPKAD)',
    byUserId: 'user-budi',
    at: '2027-02-04T03:30:00Z',
    hash: 'c'.repeat(64),
    payable: 33_600,
    disputed: { people: 2, amount: 33_600 },
  },
  paid: 0,
  payments: [],
  importedBy: 'Ani',
  importedByUserId: 'user-ani',
  importedAt: '2027-02-02T01:00:00Z',
};

function discrepancy(serial: number, kind: DiscrepancyKind, fields: Partial<Discrepancy> = {}): Discrepancy {
  return { nik: nikOf(serial), kind, bucket: 7, name: `Warga ${serial}`, lines: [serial], kpj: String(10_000_000_000 + serial), segment: 'KETUA_RT', expected: 16_800, billed: 16_800, detail: '', ...fields };
}

const DISCREPANCIES: Discrepancy[] = [
  discrepancy(1, 'not-enrolled', { expected: 0, detail: `NIK ${nikOf(1)} is not on the ledger for January 2027.` }),
  discrepancy(2, 'not-billed', { lines: [], billed: 0, kpj: undefined }),
  discrepancy(3, 'amount-differs', { billed: 20_800, dispute: { note: 'Billed at a higher bracket', by: 'Budi', at: '2027-02-04T03:00:00Z' } }),
  discrepancy(4, 'billed-after-cover-ended', { expected: 0, detail: 'Cover ended on 14 December 2026 (death).' }),
  discrepancy(5, 'billed-twice', { lines: [5, 6], billed: 33_600 }),
];

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

describe('the reconciliation report', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`writes the title block, then one row per discrepancy with its kind in Indonesian and English (${format.toUpperCase()})`, async () => {
      const path = file(`report.${format}`);
      await writeReconciliationReport(path, format, BILL, stream(DISCREPANCIES));
      const rows = await readTexts(path);
      const value = (key: string) => rows.find((row) => row[0] === key)?.[1];

      expect(rows[0]?.[0]).toMatch(/^Rekonsiliasi Tagihan Iuran BPJS Ketenagakerjaan/);
      expect(value('Peraturan / Regulation')).toBe('perwal-tangsel-25-2019');
      expect(value('Bulan / Month')).toBe('Januari 2027');
      expect(value('Kode Iuran')).toBe('12345678901');
      expect(value('Status')).toBe('Diterima / accepted');
      expect(value('Peserta diharapkan / Expected people')).toBe('4');
      expect(value('Iuran diharapkan (Rp) / Expected amount')).toBe('67200');
      expect(value('Peserta ditagih / Billed people')).toBe('5');
      expect(value('Iuran ditagih (Rp) / Billed amount')).toBe('84000');
      expect(value('Cocok / Matched')).toBe('1');
      for (const label of Object.values(DISCREPANCY_LABELS)) expect(value(label)).toBe('1');
      expect(value('Hash penerimaan / Acceptance hash')).toBe('c'.repeat(64));
      expect(value('Diterima oleh / Accepted by')).toBe('Budi (BPKAD), 4 Februari 2027 pukul 10.30 WIB');

      const header = rows.findIndex((row) => row[0] === 'NIK');
      expect(rows[header]).toEqual(RECONCILIATION_REPORT_HEADER);
      const lines = rows.slice(header + 1);
      expect(lines.map((row) => row[4])).toEqual([
        'Ditagih tetapi tidak terdaftar / billed but not enrolled',
        'Terdaftar tetapi tidak ditagih / enrolled but not billed',
        'Nominal berbeda / amount differs',
        'Ditagih setelah kepesertaan berakhir / billed after cover ended',
        'Ditagih ganda / billed twice',
      ]);
      expect(lines[0]).toEqual(['3674********0001', 'Warga 1', '10000000001', 'KETUA_RT', DISCREPANCY_LABELS['not-enrolled'], '1', '0', '16800', '16800', 'NIK 3674********0001 is not on the ledger for January 2027.']);
      // Amounts are numbers, never formula-escaped: a negative difference stays a number a spreadsheet sums.
      expect(lines[1]?.slice(0, 9)).toEqual(['3674********0002', 'Warga 2', '', 'KETUA_RT', DISCREPANCY_LABELS['not-billed'], '', '16800', '0', '-16800']);
      expect(lines[2]?.[10]).toBe('Billed at a higher bracket (Budi, 4 Februari 2027 pukul 10.00 WIB)');
      expect(lines[4]?.slice(5, 9)).toEqual(['5, 6', '16800', '33600', '16800']);
    });
  }

  it('writes money and headcounts as numeric XLSX cells, and the kode iuran, KPJ and masked NIK as text', async () => {
    const path = file('kinds.xlsx');
    await writeReconciliationReport(path, 'xlsx', BILL, stream(DISCREPANCIES));
    const rows = await readRows(path);
    const cellOf = (key: string) => rows.find(([, cells]) => cells[0] === `text:${key}`)?.[1][1];
    expect(cellOf('Kode Iuran')).toBe('text:12345678901');
    expect(cellOf('Peserta diharapkan / Expected people')).toBe('number:4');
    expect(cellOf('Iuran ditagih (Rp) / Billed amount')).toBe('number:84000');
    const line = rows.find(([, cells]) => cells[1] === 'text:Warga 2')![1];
    expect(line[0]).toBe('text:3674********0002');
    expect(line.slice(6, 9)).toEqual(['number:16800', 'number:0', 'number:-16800']);
    const first = rows.find(([, cells]) => cells[1] === 'text:Warga 1')![1];
    expect(first[2]).toBe('text:10000000001');
  });

  it('writes `;` CSV by default, and another delimiter when asked', async () => {
    const semicolons = file('semicolons.csv');
    await writeReconciliationReport(semicolons, 'csv', BILL, stream(DISCREPANCIES));
    expect(readFileSync(semicolons, 'utf8')).toContain('\r\nKode Iuran;12345678901;');
    const commas = file('commas.csv');
    await writeReconciliationReport(commas, 'csv', BILL, stream(DISCREPANCIES), ',');
    expect(readFileSync(commas, 'utf8')).toContain('\r\nKode Iuran,12345678901,');
  });

  it('never shows a NIK unmasked', async () => {
    const path = file('masked.csv');
    await writeReconciliationReport(path, 'csv', BILL, stream(DISCREPANCIES));
    const text = readFileSync(path, 'utf8');
    for (const { nik } of DISCREPANCIES) expect(text).not.toContain(nik);
  });

  it('leaves the figures of a bill not yet reconciled blank, and says why one failed', () => {
    const { reconciliation: _, acceptance: __, ...received } = BILL;
    const rows = reconciliationTitleRows({ ...received, status: 'failed', failure: `Ledger unreadable near ${nikOf(9)}` });
    const value = (key: string) => rows.find((row) => row[0] === key)?.[1];
    expect(value('Status')).toBe('Gagal / failed');
    expect(value('Kegagalan / Failure')).toBe('Ledger unreadable near 3674********0009');
    expect(value('Peserta diharapkan / Expected people')).toBe('');
    expect(value(DISCREPANCY_LABELS['billed-twice'])).toBe('');
    expect(value('Peserta ditagih / Billed people')).toBe(5);
    expect(rows.some((row) => row[0] === 'Hash penerimaan / Acceptance hash')).toBe(false);
    expect(rows.every((row) => row.length === RECONCILIATION_REPORT_HEADER.length)).toBe(true);
  });
});
