import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BillLine } from '../../shared/core/remittance/insurer-bill';
import { checkInsurerBill, readInsurerBill, readInsurerBillRows } from '../../shared/documents/remittance/insurer-bill-file';
import { writeInsurerBill } from '../../shared/documents/remittance/insurer-bill-writer';
import { FileFormatError } from '../../shared/documents/spreadsheets/file-format-error';
import { heapUsed, makeXlsx, scratchDir } from '../spreadsheets/helpers';
import { nikOf } from '../support/insurer-registrations';
import { billLines, headerFor } from './bill-fixtures';

const file = scratchDir();

async function allLines<L>(bill: { lines: AsyncIterable<L> }): Promise<L[]> {
  const lines: L[] = [];
  for await (const line of bill.lines) lines.push(line);
  return lines;
}

function csv(name: string, rows: readonly (readonly string[])[], delimiter = ','): string {
  const path = file(name);
  writeFileSync(path, rows.map((cells) => cells.join(delimiter)).join('\r\n'));
  return path;
}

/** The FileFormatError reading the whole bill throws. */
async function billError(path: string): Promise<FileFormatError> {
  try {
    await allLines(await readInsurerBill(path));
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error('the bill was read without error');
}

const HEADER_ROWS = [
  ['Kode Iuran', '12345678901'],
  ['Bulan', '2027-01'],
  ['Jumlah Peserta', '2'],
  ['Jumlah Iuran', '33600'],
];
const COLUMN_ROW = ['KPJ', 'NIK', 'Nama', 'Segmen', 'Bulan', 'Iuran'];
const GOOD_LINE = ['10000000001', nikOf(1), 'Warga 1', 'KETUA_RT', '2027-01', '16800'];

/** A bill whose second line (row 7) has `cells` in place of the good ones. */
function withSecondLine(name: string, cells: Partial<Record<number, string>>): string {
  const second = GOOD_LINE.map((cell, i) => cells[i] ?? cell);
  return csv(name, [...HEADER_ROWS, COLUMN_ROW, GOOD_LINE, second]);
}

describe('the insurer bill file: writing and reading back', () => {
  const lines: BillLine[] = [
    ...billLines(3),
    // No KPJ, a name a spreadsheet would take for a formula, and commas and quotes to quote.
    { line: 4, nik: nikOf(4), name: '-Siti "Ani", S.Pd', segment: 'LINMAS', month: '2027-01', amount: 20_800 },
  ];
  const header = headerFor(lines);

  for (const format of ['csv', 'xlsx'] as const) {
    it(`reads back the same header and lines from ${format.toUpperCase()}`, async () => {
      const path = file(`round-trip.${format}`);
      await writeInsurerBill(path, { header, lines }, { format, extraHeader: [['Nomor Wadah', 'PEMDA-LOCAL-001']] });
      const bill = await readInsurerBill(path);
      expect(bill.header).toEqual(header);
      expect(await allLines(bill)).toEqual(lines);
      // Iterating again reads the file again.
      expect(await allLines(bill)).toHaveLength(4);
    });
  }

  it('gives the same digest for the same content as CSV and as XLSX, and a different one for different content', async () => {
    const asCsv = file('digest.csv');
    const asXlsx = file('digest.xlsx');
    const changed = file('digest-changed.csv');
    await writeInsurerBill(asCsv, { header, lines }, { format: 'csv' });
    await writeInsurerBill(asXlsx, { header, lines: (async function* () { yield* lines; })() }, { format: 'xlsx' });
    await writeInsurerBill(changed, { header, lines: lines.map((l) => (l.line === 2 ? { ...l, amount: 16_801 } : l)) }, { format: 'csv' });
    const [a, b, c] = await Promise.all([checkInsurerBill(asCsv), checkInsurerBill(asXlsx), checkInsurerBill(changed)]);
    expect(a).toEqual({ header, lines: 4, total: 71_200, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
  });

  it('numbers lines from the first data row and keeps the spreadsheet row of each', async () => {
    const path = csv('rows.csv', [...HEADER_ROWS, COLUMN_ROW, GOOD_LINE, [], GOOD_LINE.map((c, i) => (i === 1 ? nikOf(2) : c))]);
    const rows = await allLines(await readInsurerBillRows(path));
    expect(rows.map(({ row, line }) => [row, line.line])).toEqual([
      [6, 1],
      [8, 2],
    ]);
  });
});

describe('the insurer bill file: what it accepts', () => {
  it('reads English keys and titles, an Indonesian month name, rupiah with dots, extra keys, a title row and other columns', async () => {
    const path = csv(
      'lenient.csv',
      [
        // Excel pads every row of a CSV to the sheet's width; the delimiter is told from the first.
        ['TAGIHAN IURAN BPJS KETENAGAKERJAAN', '', '', '', '', '', ''],
        ['Payment code', '123 4567 8901'],
        ['Period', 'januari 2027'],
        ['Wadah', 'SG'],
        ['Nomor Wadah', 'PEMDA-LOCAL-001'],
        ['Tanggal Tagihan', '2027-01-05'],
        ['People', '1.000'],
        ['Total', 'Rp 16.800.000'],
        [],
        ['No.', 'Name', 'NIK', 'No. KPJ', 'Program', 'Month', 'Amount (Rp)'],
        ['1', 'Warga 1', nikOf(1), '', 'JKK-JKM', 'Januari 2027', 'Rp16.800'],
      ],
      ';',
    );
    const bill = await readInsurerBill(path);
    expect(bill.header).toEqual({ kodeIuran: '12345678901', month: '2027-01', controlCount: 1_000, controlTotal: 16_800_000 });
    expect(await allLines(bill)).toEqual([{ line: 1, nik: nikOf(1), name: 'Warga 1', segment: 'JKK-JKM', month: '2027-01', amount: 16_800 }]);
  });

  it('reads an XLSX whose month is a date cell and whose numbers are number cells', async () => {
    const path = makeXlsx(file('numbers.xlsx'), {
      styles: '<numFmts count="0"/><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>',
      sheetData: sheetRows([
        ['Kode Iuran', { n: '12345678901' }],
        ['Bulan', { date: '46388' }],
        ['Jumlah Peserta', { n: '1' }],
        ['Jumlah Iuran', { n: '16800' }],
        COLUMN_ROW,
        [{ n: '10000000001' }, nikOf(1), 'Warga 1', 'KETUA_RT', { date: '46388' }, { n: '16800' }],
      ]),
    });
    const bill = await readInsurerBill(path);
    expect(bill.header).toEqual({ kodeIuran: '12345678901', month: '2027-01', controlCount: 1, controlTotal: 16_800 });
    expect(await allLines(bill)).toEqual([{ line: 1, kpj: '10000000001', nik: nikOf(1), name: 'Warga 1', segment: 'KETUA_RT', month: '2027-01', amount: 16_800 }]);
  });

  it('returns a control mismatch rather than throwing it', async () => {
    const lines = billLines(3);
    const path = file('mismatch.csv');
    await writeInsurerBill(path, { header: headerFor(lines, { controlCount: 4, controlTotal: 67_200 }), lines }, { format: 'csv' });
    const check = await checkInsurerBill(path);
    expect(check).toMatchObject({ lines: 3, total: 50_400, controlDifference: { count: -1, amount: -16_800 } });
  });
});

describe('the insurer bill file: what it refuses, and how it says so', () => {
  it('says an empty file is an empty bill', async () => {
    const error = await billError(csv('empty.csv', [[], []]));
    expect(error.problem).toBe('EMPTY_FILE');
    expect(error.message).toMatch(/^The bill file is empty/);
  });

  it('names a missing header key', async () => {
    const error = await billError(csv('no-kode.csv', [HEADER_ROWS[1]!, HEADER_ROWS[2]!, HEADER_ROWS[3]!, COLUMN_ROW, GOOD_LINE]));
    expect(error.problem).toBe('BILL_HEADER');
    expect(error.message).toMatch(/^The bill has no "Kode Iuran" above its columns \(row 4\)\./);
    expect(error.message).toMatch(/ask the BPJS branch for a corrected bill/);
  });

  it('refuses a header key given twice, and unreadable header values, naming the row', async () => {
    expect((await billError(csv('twice.csv', [...HEADER_ROWS, ['Bulan', '2027-02'], COLUMN_ROW]))).message).toMatch(
      /^Row 5: Bulan is given a second time \(first in row 2\)/,
    );
    const badTotal = await billError(csv('total.csv', [...HEADER_ROWS.slice(0, 3), ['Jumlah Iuran', '33600.50'], COLUMN_ROW]));
    expect(badTotal.message).toMatch(/^Row 4, Jumlah Iuran: must be the whole number of rupiah/);
    const badCode = await billError(csv('code.csv', [['Kode Iuran', '1234567890'], ...HEADER_ROWS.slice(1), COLUMN_ROW]));
    expect(badCode.message).toMatch(/^Row 1, Kode Iuran: must be the 11-digit kode iuran/);
    const badMonth = await billError(csv('month.csv', [HEADER_ROWS[0]!, ['Bulan', 'Jan-27'], ...HEADER_ROWS.slice(2), COLUMN_ROW]));
    expect(badMonth.message).toMatch(/^Row 2, Bulan: must be a month written YYYY-MM/);
  });

  it('refuses a file without a column header row, or with a column missing or twice', async () => {
    expect((await billError(csv('no-columns.csv', [...HEADER_ROWS, GOOD_LINE]))).problem).toBe('BILL_COLUMNS');
    const missing = await billError(csv('no-amount.csv', [...HEADER_ROWS, COLUMN_ROW.slice(0, 5), GOOD_LINE]));
    expect(missing.message).toMatch(/^Row 5: the bill has no "Iuran" column\./);
    const twice = await billError(csv('two-names.csv', [...HEADER_ROWS, [...COLUMN_ROW, 'Name'], GOOD_LINE]));
    expect(twice.problem).toBe('DUPLICATE_COLUMN');
  });

  it('names the row and column of a bad NIK, never quoting it', async () => {
    const short = nikOf(2).slice(0, 15);
    const error = await billError(withSecondLine('short-nik.csv', { 1: short }));
    expect(error.problem).toBe('BILL_LINE');
    expect(error.message).toBe('Row 7, column NIK: must be a NIK of 16 digits — correct the file or ask the BPJS branch for a corrected bill.');
    const region = await billError(withSecondLine('region.csv', { 1: `9999${nikOf(2).slice(4)}` }));
    expect(region.message).toMatch(/^Row 7, column NIK: is not a valid NIK: its first four digits \(9999\)/);
    expect(region.message).not.toContain(nikOf(2).slice(4));
  });

  it('says when Excel has mangled a NIK into a number', async () => {
    const scientific = await billError(withSecondLine('scientific.csv', { 1: '3.67401E+15' }));
    expect(scientific.message).toMatch(/^Row 7, column NIK: holds 3\.67401E\+15, a NIK Excel turned into scientific notation/);
    const numeric = makeXlsx(file('numeric-nik.xlsx'), {
      sheetData: sheetRows([...HEADER_ROWS, COLUMN_ROW, ['10000000001', { n: '3674010101900000' }, 'Warga 1', 'KETUA_RT', '2027-01', '16800']]),
    });
    const error = await billError(numeric);
    expect(error.message).toMatch(/^Row 6, column NIK: the NIK is stored as a number, so Excel has kept only 15 of its 16 digits — .*ask the BPJS branch for the bill again/);
    expect(error.message).not.toContain('3674010101900000');
  });

  it('names the row and column of a bad amount or month, by the title the file gives it', async () => {
    expect((await billError(withSecondLine('amount.csv', { 5: '16800.5' }))).message).toMatch(/^Row 7, column Iuran: must be a whole number of rupiah/);
    expect((await billError(withSecondLine('negative.csv', { 5: '-16800' }))).message).toMatch(/^Row 7, column Iuran:/);
    expect((await billError(withSecondLine('line-month.csv', { 4: '13/2027' }))).message).toMatch(/^Row 7, column Bulan:/);
    const english = csv('english.csv', [...HEADER_ROWS, ['KPJ', 'NIK', 'Name', 'Segment', 'Month', 'Amount'], GOOD_LINE, [...GOOD_LINE.slice(0, 5), 'sixteen']]);
    expect((await billError(english)).message).toMatch(/^Row 7, column Amount:/);
  });

  it('reads the header without reading the lines: a bad line only shows while iterating', async () => {
    const bill = await readInsurerBill(withSecondLine('late.csv', { 1: 'x' }));
    expect(bill.header.controlCount).toBe(2);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const line of bill.lines) seen.push(line.line);
      })(),
    ).rejects.toThrow(/^Row 7, column NIK/);
    expect(seen).toEqual([1]);
  });
});

describe('the insurer bill file: memory', () => {
  const LINES = 100_000;
  const MAX_GROWTH = 4 * 1024 * 1024;

  it(`stays flat reading and checking ${LINES.toLocaleString('en')} lines`, async () => {
    const path = file('large.csv');
    const lines = function* (): Generator<BillLine> {
      for (let i = 1; i <= LINES; i++) yield { line: i, kpj: String(10_000_000_000 + i), nik: nikOf(i % 9999 + 1), name: `Warga ${i}`, segment: 'KETUA_RT', month: '2027-01', amount: 16_800 };
    };
    await writeInsurerBill(path, { header: headerFor([], { controlCount: LINES, controlTotal: LINES * 16_800 }), lines: lines() }, { format: 'csv' });

    const bill = await readInsurerBill(path);
    const baseline = heapUsed();
    let peak = 0;
    let count = 0;
    for await (const line of bill.lines) {
      if (++count % 20_000 === 0) {
        expect(line.line).toBe(count);
        peak = Math.max(peak, heapUsed() - baseline);
      }
    }
    expect(count).toBe(LINES);
    expect(peak).toBeLessThan(MAX_GROWTH);
    expect(await checkInsurerBill(path)).toMatchObject({ lines: LINES, total: LINES * 16_800 });
  });
});

type XlsxCell = string | { n: string } | { date: string };

/** Sheet XML: strings inline, `{ n }` as number cells, `{ date }` as date-formatted number cells (style 1). */
function sheetRows(rows: readonly (readonly XlsxCell[])[]): string {
  const column = (i: number) => String.fromCharCode(65 + i);
  return rows
    .map((cells, r) => {
      const xml = cells.map((cell, i) => {
        const ref = `${column(i)}${r + 1}`;
        if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${cell.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
        if ('n' in cell) return `<c r="${ref}"><v>${cell.n}</v></c>`;
        return `<c r="${ref}" s="1"><v>${cell.date}</v></c>`;
      });
      return `<row r="${r + 1}">${xml.join('')}</row>`;
    })
    .join('');
}
