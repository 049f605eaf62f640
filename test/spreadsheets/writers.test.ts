import { createWriteStream, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../shared/documents/spreadsheets/csv-delimiter';
import { CsvWriter } from '../../shared/documents/spreadsheets/csv-writer';
import { escapeFormula } from '../../shared/documents/spreadsheets/formula-escape';
import type { RowWriter } from '../../shared/documents/spreadsheets/row-writer';
import { dateCell, rupiahCell, type SheetCell } from '../../shared/documents/spreadsheets/sheet-cell';
import { excelSheetName, XlsxWriter } from '../../shared/documents/spreadsheets/xlsx-writer';
import { readRows, readTexts, scratchDir } from './helpers';

const file = scratchDir();

async function writeAll(writer: RowWriter, rows: readonly (readonly SheetCell[])[]): Promise<void> {
  for (const row of rows) await writer.writeRow(row);
  await writer.close();
}

const REPORT = [
  ['Baris', 'NIK', 'Nama', 'Alamat', 'Catatan'],
  ['2', '0074015001900002', 'Siti, "Ayu" & <Aminah>', 'Jl. Mawar No. 5\nRT 01/RW 02', '=SUM(A1)'],
  ['3', '3674015001900001', 'Budi', '', '+62812345678'],
  ['4', '3.67401E+15', 'Ni Luh Putu Ṣaraswatī 😀', 'Gg. Melati; Blok C', '-5'],
  ['5', '', '', '', '@cmd'],
];

describe('formula escaping', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+62812', "'+62812"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['Siti Aminah', 'Siti Aminah'],
    ['3674015001900001', '3674015001900001'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j is written as %j', (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
  });
});

describe('CSV writer', () => {
  it('writes UTF-8 with BOM, CRLF, RFC 4180 quoting, formula-escaped cells', async () => {
    const path = file('report.csv');
    await writeAll(new CsvWriter(createWriteStream(path), ','), REPORT);
    expect(readFileSync(path, 'utf8')).toBe(
      '\uFEFFBaris,NIK,Nama,Alamat,Catatan\r\n' +
        `2,0074015001900002,"Siti, ""Ayu"" & <Aminah>","Jl. Mawar No. 5\nRT 01/RW 02",'=SUM(A1)\r\n` +
        "3,3674015001900001,Budi,,'+62812345678\r\n" +
        "4,3.67401E+15,Ni Luh Putu Ṣaraswatī 😀,Gg. Melati; Blok C,'-5\r\n" +
        "5,,,,'@cmd\r\n",
    );
  });

  it('writes `;` by default, for Indonesian-locale Excel, quoting cells that hold it', async () => {
    const path = file('report-semicolon.csv');
    await writeAll(new CsvWriter(createWriteStream(path)), [['a;b', 'c,d']]);
    expect(readFileSync(path, 'utf8')).toBe('\uFEFF"a;b";c,d\r\n');
  });

  it('can write tabs, quoting cells that hold one', async () => {
    const path = file('report-tab.csv');
    await writeAll(new CsvWriter(createWriteStream(path), '\t'), [['a\tb', 'c;d', 'e,f']]);
    expect(readFileSync(path, 'utf8')).toBe('\uFEFF"a\tb"\tc;d\te,f\r\n');
  });

  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
  ] as const)('reads back as written with %j (%s), formula-escaped', async (delimiter, name) => {
    const path = file(`round-trip-${name}.csv`);
    await writeAll(new CsvWriter(createWriteStream(path), delimiter), REPORT);
    expect(sniffDelimiter(readFileSync(path))).toBe(delimiter);
    expect(await readTexts(path)).toEqual(REPORT.map((row) => trimTrailingEmpty(row.map(escapeFormula))));
  });

  it('writes numbers as plain digits, never formula-escaped, and dates as YYYY-MM-DD', async () => {
    const path = file('figures.csv');
    await writeAll(new CsvWriter(createWriteStream(path)), [['Jumlah', 'Selisih', 'Peserta', 'Tanggal', 'KPJ'], [rupiahCell(2_606_284_800), rupiahCell(-5000), 12_928, dateCell('1980-02-01'), '-0012']]);
    expect(readFileSync(path, 'utf8')).toBe("\uFEFFJumlah;Selisih;Peserta;Tanggal;KPJ\r\n2606284800;-5000;12928;1980-02-01;'-0012\r\n");
  });

  it('writes only the BOM when closed without rows', async () => {
    const path = file('no-rows.csv');
    await new CsvWriter(createWriteStream(path)).close();
    expect(readFileSync(path, 'utf8')).toBe('\uFEFF');
  });

  it('waits for a slow output instead of buffering', async () => {
    const output = new SlowOutput();
    await writeAll(new CsvWriter(output), rows(20_000));
    expect(output.totalBytes).toBeGreaterThan(500_000);
    expect(output.maxBuffered).toBeLessThan(32 * 1024);
  });

  it('fails, rather than crashing the process, when the output fails', async () => {
    const output = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error('disk full')) });
    const writer = new CsvWriter(output);
    await expect(writeAll(writer, rows(100))).rejects.toThrow('disk full');
  });
});

describe('XLSX writer', () => {
  it('writes the parts Excel needs, one worksheet with the given name, inline strings only', async () => {
    const path = file('report.xlsx');
    await writeAll(new XlsxWriter(createWriteStream(path), 'Ditolak'), REPORT);
    const parts = unzipSync(readFileSync(path));
    expect(Object.keys(parts).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    expect(strFromU8(parts['xl/workbook.xml']!)).toContain('<sheet name="Ditolak" sheetId="1" r:id="rId1"/>');
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="A1" s="2" t="inlineStr"><is><t xml:space="preserve">Baris</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">Siti, &quot;Ayu&quot; &amp; &lt;Aminah&gt;</t>');
    expect(sheet).not.toMatch(/t="s"|t="n"|<v>/);
  });

  it('reads back exactly as written: every cell text, no `\'` before =, + or -, the NIK with its leading zero', async () => {
    const path = file('round-trip.xlsx');
    await writeAll(new XlsxWriter(createWriteStream(path), 'Ditolak'), REPORT);
    expect(await readTexts(path)).toEqual(REPORT.map(trimTrailingEmpty));
    const kinds = new Set((await readRows(path)).flatMap(([, cells]) => cells.map((cell) => cell.split(':')[0])));
    expect([...kinds].sort()).toEqual(['empty', 'text']);
    // An inline string is never a formula: nothing to escape, and no formula element at all.
    expect(strFromU8(unzipSync(readFileSync(path))['xl/worksheets/sheet1.xml']!)).not.toMatch(/<f>|'=|'\+|'-|'@/);
  });

  it('writes counts and rupiah as numeric cells in a thousands format, and text that looks like a number as text', async () => {
    const path = file('figures.xlsx');
    await writeAll(new XlsxWriter(createWriteStream(path), 'Anggaran'), [
      ['Peserta', 'Jumlah', 'Selisih', 'NIK', 'Kode rekening', 'Lahir'],
      [12_928, rupiahCell(2_606_284_800), rupiahCell(-5000), '3674015001900001', '5.1.02.01.01.0004', dateCell('1980-02-01')],
    ]);
    const parts = unzipSync(readFileSync(path));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const cell = (reference: string) => new RegExp(`<c r="${reference}"([^>]*)>(.*?)</c>`).exec(sheet);
    const styles = strFromU8(parts['xl/styles.xml']!);
    const formats = [...styles.matchAll(/<cellXfs[^>]*>(.*?)<\/cellXfs>/g)][0]![1]!.match(/<xf [^>]*>/g)!.map((xf) => Number(/numFmtId="(\d+)"/.exec(xf)![1]));
    const formatOf = (attributes: string) => formats[Number(/ s="(\d+)"/.exec(attributes)![1])];
    const customCode = (id: number | undefined) => new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"/>`).exec(styles)?.[1];

    for (const [reference, value] of [['A2', '12928'], ['B2', '2606284800'], ['C2', '-5000'], ['F2', '29252']] as const) {
      const [, attributes, content] = cell(reference)!;
      expect(attributes, reference).not.toMatch(/ t="(?!n")/);
      expect(content).toBe(`<v>${value}</v>`);
    }
    // #,##0 is the built-in format 3: Excel shows it with the locale's separators (12.928 in Indonesian).
    expect(formatOf(cell('A2')![1]!)).toBe(3);
    expect(customCode(formatOf(cell('B2')![1]!))).toBe('&quot;Rp&quot;#,##0');
    expect(customCode(formatOf(cell('C2')![1]!))).toBe('&quot;Rp&quot;#,##0');
    expect(customCode(formatOf(cell('F2')![1]!))).toBe('dd/mm/yyyy');
    for (const reference of ['D2', 'E2']) {
      expect(cell(reference)![1]).toContain('t="inlineStr"');
      expect(formatOf(cell(reference)![1]!)).toBe(49);
    }
    // Read back: the numbers as numbers, the date as a date, the codes as the text they were.
    expect((await readRows(path))[1]).toEqual([2, ['number:12928', 'number:2606284800', 'number:-5000', 'text:3674015001900001', 'text:5.1.02.01.01.0004', 'date:1980-02-01']]);
  });

  it('keeps XML special characters and _xHHHH_ look-alikes, and drops characters XML 1.0 forbids', async () => {
    const path = file('special.xlsx');
    const texts = ['<b>&amp;</b> "q" \'a\'', 'line\r\nbreak', 'literal _x0041_ stays', 'bell\u0007 nul\u0000 esc\u001b', 'lone \uD800 surrogate', 'tab\there'];
    await writeAll(new XlsxWriter(createWriteStream(path), 'x'), [texts]);
    expect(await readTexts(path)).toEqual([
      ['<b>&amp;</b> "q" \'a\'', 'line\r\nbreak', 'literal _x0041_ stays', 'bell nul esc', 'lone  surrogate', 'tab\there'],
    ]);
  });

  it('makes sheet names Excel accepts', () => {
    expect(excelSheetName('Ditolak: 2025/01 [draft]?')).toBe('Ditolak- 2025-01 -draft--');
    expect(excelSheetName("'Rekap'")).toBe('Rekap');
    expect(excelSheetName('a'.repeat(40))).toHaveLength(31);
    expect(excelSheetName('  ')).toBe('Sheet1');
  });

  it('writes a valid empty workbook when closed without rows', async () => {
    const path = file('empty.xlsx');
    await new XlsxWriter(createWriteStream(path), 'Kosong').close();
    expect(strFromU8(unzipSync(readFileSync(path))['xl/worksheets/sheet1.xml']!)).toContain('<sheetData></sheetData>');
  });

  it('waits for a slow output instead of buffering', async () => {
    const output = new SlowOutput();
    await writeAll(new XlsxWriter(output, 'x'), rows(50_000));
    expect(output.totalBytes).toBeGreaterThan(1_000_000);
    expect(output.maxBuffered).toBeLessThan(256 * 1024);
  });
});

/** Rows of varied, poorly compressible text. */
function rows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [String(i + 2), `36740150${String(i * 7919).padStart(8, '0')}`, `Nama ${(i * 2654435761) % 1e9}`, `Jl. ${i.toString(36)} No. ${i % 97}`]);
}

function trimTrailingEmpty(row: string[]): string[] {
  const copy = [...row];
  while (copy.length > 0 && copy.at(-1) === '') copy.pop();
  return copy;
}

/** A Writable that takes its time over each chunk and records how much was ever waiting in its buffer. */
class SlowOutput extends Writable {
  totalBytes = 0;
  maxBuffered = 0;

  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.totalBytes += chunk.length;
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setImmediate(callback);
  }
}
