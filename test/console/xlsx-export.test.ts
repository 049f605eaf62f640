import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonthRemittance } from '../../shared/core/remittance/arrears';
import type { ExpectedBill } from '../../shared/core/remittance/expected-bills';
import { spreadsheetBlob } from '../../web/src/export/spreadsheet-download';
import { remittanceRows } from '../../web/src/pages/remittance';
import { readRows, scratchDir } from '../spreadsheets/helpers';

/**
 * A console download read back with the repo's own reader: counts and rupiah are numeric cells in
 * Excel's thousands format (the built-in `#,##0`, shown `12.928` by an Indonesian Excel; rupiah
 * `"Rp"#,##0`), so SUM works; months, dates and states are written as the page shows them.
 */

// As in the console's bundle (web/build.ts aliases it): the writers wait for the in-memory output to finish.
vi.mock('node:stream/promises', () => import('../../web/src/export/node-stream-promises-shim'));

const file = scratchDir();

/** The console's language, as the toggle stores it (i18n.ts). */
function useLanguage(language: 'id' | 'en'): void {
  const stored = new Map([['lindung.language', language]]);
  vi.stubGlobal('localStorage', { getItem: (key: string) => stored.get(key) ?? null });
}

const JANUARY: ExpectedBill = {
  regulationId: 'perwal-tangsel-2026-7',
  wadahCode: 'SG',
  month: '2027-01',
  dueDate: '2027-02-15',
  segments: [{ segment: 'KETUA_RT', people: 12_928, amount: 217_190_400 }],
  controlCount: 12_928,
  controlTotal: 217_190_400,
  bill: { billId: 'bill-2027-01', status: 'accepted', kodeIuran: '12345678901', controlCount: 12_930, controlTotal: 217_224_000, payable: 217_190_400, paid: 100_000_000 },
};
const MONTHS = [
  { month: '2027-01', expected: JANUARY, remittance: { month: '2027-01', dueDate: '2027-02-15', state: 'late', people: 12_928, amount: 217_190_400, paid: 100_000_000, unpaidStreak: 1 } satisfies MonthRemittance },
  { month: '2027-02', expected: undefined, remittance: undefined },
];

async function written(format: 'csv' | 'xlsx'): Promise<string> {
  const path = file(`iuran.${format}`);
  writeFileSync(path, new Uint8Array(await (await spreadsheetBlob(remittanceRows(MONTHS), format, 'Iuran')).arrayBuffer()));
  return path;
}

describe('console downloads', () => {
  beforeEach(() => useLanguage('id'));

  it('writes counts and amounts of the XLSX as numbers in a thousands format, the rest as the page shows it', async () => {
    const path = await written('xlsx');
    const [header, january, february] = await readRows(path);
    expect(header![1].slice(0, 4)).toEqual(['text:Bulan', 'text:Jatuh tempo', 'text:Peserta', 'text:Iuran diharapkan']);
    expect(january![1]).toEqual([
      'text:Januari 2027',
      'text:15 Februari 2027',
      'number:12928',
      'number:217190400',
      'text:bill-2027-01',
      'text:12345678901',
      'text:Diterima',
      'number:12930',
      'number:217224000',
      'number:217190400',
      'number:100000000',
      'text:Terlambat',
    ]);
    expect(february![1].slice(2, 4)).toEqual(['number:0', 'number:0']);

    // The formats of the numeric cells: #,##0 (built-in 3) for counts, "Rp"#,##0 for money.
    const parts = unzipSync(readFileSync(path));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(parts['xl/styles.xml']!);
    const formats = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf [^>]*>/g)!.map((xf) => Number(/numFmtId="(\d+)"/.exec(xf)![1]));
    const formatOf = (reference: string) => formats[Number(new RegExp(`<c r="${reference}" s="(\\d+)"`).exec(sheet)![1])];
    const customCode = (id: number | undefined) => new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"/>`).exec(styles)?.[1];
    for (const count of ['C2', 'H2']) expect(formatOf(count), count).toBe(3);
    for (const money of ['D2', 'I2', 'J2', 'K2']) expect(customCode(formatOf(money)), money).toBe('&quot;Rp&quot;#,##0');
  });

  it('writes the CSV with `;` between cells and plain digits, as Indonesian Excel opens it', async () => {
    const lines = readFileSync(await written('csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[1]).toBe('Januari 2027;15 Februari 2027;12928;217190400;bill-2027-01;12345678901;Diterima;12930;217224000;217190400;100000000;Terlambat');
  });

  it('names the columns and states in English with the toggle', async () => {
    useLanguage('en');
    const [header, january] = await readRows(await written('xlsx'));
    expect(header![1][0]).toBe('text:Month');
    expect(january![1].at(-1)).toBe('text:Late');
  });
});
