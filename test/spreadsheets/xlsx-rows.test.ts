import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { MAX_OPEN_MERGED_RANGES } from '../../shared/documents/spreadsheets/spreadsheet-limits';
import { readMergedRanges } from '../../shared/documents/spreadsheets/xlsx-merged-cells';
import { columnLetters } from '../../shared/documents/spreadsheets/cell-reference';
import { FIXTURES, isOpen, makeXlsx, readError, readRows, scratchDir } from './helpers';

const file = scratchDir();

describe('reading .xlsx written by LibreOffice', () => {
  it('reads the first sheet: text and numeric NIKs, dates, rich text, formulas, sparse rows; ignores the second sheet', async () => {
    expect(await readRows(join(FIXTURES, 'roster-libreoffice.xlsx'))).toEqual([
      [1, ['text:NIK', 'text:NIK angka', 'text:Nama', 'text:Tanggal Lahir', 'text:Aktif', 'text:Upah']],
      [2, ['text:3674015001900001', 'number:3674015001900000', 'text:Siti Aminah', 'date:1980-02-01', 'number:1', 'number:1500000.5']],
      [3, ['text:3674015001900002', 'number:3674015001900000', 'text:Budi Santoso', 'date:1900-03-01', 'number:0', 'number:3000001']],
      // Row 4 is blank; row 5 has no cells in columns B and C.
      [5, ['text:3674015001900003', 'empty:', 'empty:', 'date:2001-12-31']],
      [6, ['text:3674015001900004', 'empty:', 'text:Dewi & <Sari> "Ayu"', 'text:01/02/1980', 'empty:', 'text:Budi Santoso']],
    ]);
  });

  it('reads a Text-formatted NIK column with its leading zeros, and recognised dates', async () => {
    expect(await readRows(join(FIXTURES, 'roster-semicolon.xlsx'))).toEqual([
      [1, ['text:NIK', 'text:Nama', 'text:Tanggal Lahir']],
      [2, ['text:3674015001900001', 'text:Siti Aminah', 'date:1980-02-01']],
      [3, ['text:0074015001900002', 'text:Budi', 'date:1975-12-31']],
    ]);
  });

  it('honours the 1904 date system', async () => {
    expect(await readRows(join(FIXTURES, 'dates-1904-libreoffice.xlsx'))).toEqual([
      [1, ['text:Nama', 'text:Tanggal Lahir']],
      [2, ['text:Siti Aminah', 'date:1980-02-01']],
    ]);
  });

  it('releases the file when the consumer stops early', async () => {
    const path = join(FIXTURES, 'roster-libreoffice.xlsx');
    for await (const row of readSpreadsheet(path)) {
      expect([row.rowNumber, isOpen(path)]).toEqual([1, true]);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isOpen(path)).toBe(false);
  });
});

describe('reading .xlsx cell types', () => {
  it('reads booleans, inline strings (rich too), formula strings, errors and numbers as written', async () => {
    const sheetData =
      '<row r="1">' +
      '<c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>' +
      '<c r="C1" t="inlineStr"><is><t>inline</t></is></c>' +
      '<c r="D1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></is></c>' +
      '<c r="E1" t="str"><f>A1&amp;"x"</f><v>TRUEx</v></c>' +
      '<c r="F1" t="e"><v>#N/A</v></c>' +
      '<c r="G1"><v>3.67401E+15</v></c><c r="H1" t="n"><v>-0.5</v></c>' +
      '</row>';
    expect(await readRows(makeXlsx(file('types.xlsx'), { sheetData }))).toEqual([
      [1, ['boolean:TRUE', 'boolean:FALSE', 'text:inline', 'text:rich text', 'text:TRUEx', 'text:#N/A', 'number:3.67401E+15', 'number:-0.5']],
    ]);
  });

  it('reads shared strings with rich-text runs, skipping phonetic hints, and decodes _xHHHH_ escapes', async () => {
    const sharedStrings = ['plain', 'line_x000D_break', 'literal _x005F_x0041_'];
    const sheetData = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>';
    const path = makeXlsx(file('shared.xlsx'), {
      sheetData,
      parts: {
        'xl/sharedStrings.xml':
          '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          sharedStrings.map((s) => `<si><t>${s}</t></si>`).join('') +
          '<si><r><t>Ya</t></r><r><t>mada</t></r><rPh sb="0" eb="1"><t>ヤマ</t></rPh></si></sst>',
      },
    });
    expect(await readRows(path)).toEqual([[1, ['text:plain', 'text:line\rbreak', 'text:literal _x0041_', 'text:Yamada']]]);
  });

  it('reads numbers in date styles as dates: built-in formats 14-22 and 45-47, and custom date codes', async () => {
    const styles =
      '<numFmts count="3"><numFmt numFmtId="164" formatCode="[$-421]dd\\ mmmm\\ yyyy"/><numFmt numFmtId="165" formatCode="#,##0"/>' +
      '<numFmt numFmtId="166" formatCode="&quot;Rp&quot;#,##0.00"/></numFmts>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="22"/></cellXfs>';
    const sheetData =
      '<row r="1"><c r="A1" s="1"><v>29252</v></c><c r="B1" s="2"><v>29252</v></c><c r="C1" s="3"><v>29252</v></c>' +
      '<c r="D1" s="4"><v>29252</v></c><c r="E1" s="5"><v>29252.75</v></c><c r="F1" s="1"><v>60</v></c><c r="G1" s="1"><v>0</v></c>' +
      '<c r="H1" s="1" t="s"><v>0</v></c></row>';
    expect(await readRows(makeXlsx(file('dates.xlsx'), { styles, sheetData, sharedStrings: ['01/02/1980'] }))).toEqual([
      [1, ['date:1980-02-01', 'date:1980-02-01', 'number:29252', 'number:29252', 'date:1980-02-01', 'date:1900-02-29', 'number:0', 'text:01/02/1980']],
    ]);
  });

  it('honours date1904="1" as Excel for Mac writes it', async () => {
    const path = makeXlsx(file('mac.xlsx'), {
      workbookPr: '<workbookPr date1904="1"/>',
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
      sheetData: '<row r="1"><c r="A1" s="1"><v>27790</v></c></row>',
    });
    expect(await readRows(path)).toEqual([[1, ['date:1980-02-01']]]);
  });
});

describe('reading .xlsx structure', () => {
  it('places rows and cells by reference, and follows on when references are missing', async () => {
    const sheetData =
      '<row r="3"><c r="C3" t="inlineStr"><is><t>c3</t></is></c></row>' +
      '<row><c t="inlineStr"><is><t>a4</t></is></c><c t="inlineStr"><is><t>b4</t></is></c><c r="E4"><v>5</v></c><c><v>6</v></c></row>' +
      '<row r="10"><c r="AA10"><v>1</v></c></row>';
    const rows = await readRows(makeXlsx(file('sparse.xlsx'), { sheetData }));
    expect(rows.slice(0, 2)).toEqual([
      [3, ['empty:', 'empty:', 'text:c3']],
      [4, ['text:a4', 'text:b4', 'empty:', 'empty:', 'number:5', 'number:6']],
    ]);
    expect(rows[2]?.[0]).toBe(10);
    expect(rows[2]?.[1]).toHaveLength(27);
  });

  it('does not place cells that only carry formatting', async () => {
    const sheetData = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="3"/><c r="C1" s="3"></c></row>';
    expect(await readRows(makeXlsx(file('formatted.xlsx'), { sheetData }))).toEqual([[1, ['number:1']]]);
  });

  it('reads elements with a namespace prefix, as some .NET libraries write them', async () => {
    const path = makeXlsx(file('prefixed.xlsx'), {
      parts: {
        'xl/worksheets/sheet1.xml':
          '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
          '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      },
      sharedStrings: ['NIK'],
    });
    expect(await readRows(path)).toEqual([[1, ['text:NIK']]]);
  });

  it('takes the first worksheet in workbook order, whatever the part names, skipping chart sheets', async () => {
    const rel = (id: string, type: string, target: string) =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const sheet = (text: string) =>
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const path = makeXlsx(file('order.xlsx'), {
      parts: {
        'xl/workbook.xml':
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="Grafik" sheetId="3" rel:id="rId9"/><sheet name="Peserta" sheetId="2" rel:id="rId7"/><sheet name="Lain" sheetId="1" rel:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels':
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          rel('rId1', 'worksheet', 'worksheets/sheet1.xml') +
          rel('rId7', 'worksheet', '/xl/worksheets/data.xml') +
          rel('rId9', 'chartsheet', 'chartsheets/sheet1.xml') +
          '</Relationships>',
        'xl/worksheets/sheet1.xml': sheet('wrong sheet'),
        'xl/worksheets/data.xml': sheet('Peserta'),
        'xl/styles.xml': undefined,
        'xl/sharedStrings.xml': undefined,
      },
    });
    expect(await readRows(path)).toEqual([[1, ['text:Peserta']]]);
  });

  it('refuses damaged XML as MALFORMED_XLSX', async () => {
    const error = await readError(makeXlsx(file('bad-xml.xlsx'), { sheetData: '<row r="1"><c r="A1"><v>1</v></row>' }));
    expect(error.problem).toBe('MALFORMED_XLSX');
    expect(error.message).toContain('save it again');
  });

  it('refuses a truncated ZIP as MALFORMED_XLSX', async () => {
    const complete = makeXlsx(file('complete.xlsx'), { sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>' });
    const truncated = file('truncated.xlsx');
    writeFileSync(truncated, readFileSync(complete).subarray(0, 300));
    expect((await readError(truncated)).problem).toBe('MALFORMED_XLSX');
  });

  it('refuses a reference to a shared string that does not exist', async () => {
    const error = await readError(makeXlsx(file('bad-index.xlsx'), { sheetData: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }));
    expect([error.problem, error.message]).toEqual(['MALFORMED_XLSX', expect.stringContaining('shared string 7')]);
  });

  it('refuses a workbook with no worksheet', async () => {
    const path = makeXlsx(file('no-sheet.xlsx'), {
      parts: { 'xl/workbook.xml': '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>' },
    });
    expect((await readError(path)).problem).toBe('MALFORMED_XLSX');
  });

  it('names other ZIP-based files: OpenDocument, Word', async () => {
    const ods = makeXlsx(file('roster.ods'), {
      parts: { 'mimetype': 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>', '_rels/.rels': undefined, 'xl/workbook.xml': undefined },
    });
    const odsError = await readError(ods);
    expect([odsError.problem, odsError.message]).toEqual(['WRONG_FILE_TYPE', expect.stringContaining('OpenDocument')]);
    const docx = makeXlsx(file('roster.docx'), { parts: { 'word/document.xml': '<x/>', '_rels/.rels': undefined, 'xl/workbook.xml': undefined } });
    expect((await readError(docx)).message).toContain('Word document');
  });

  it('does not expand entities declared in a DTD', async () => {
    const sheet =
      '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>';
    const error = await readError(makeXlsx(file('entities.xlsx'), { parts: { 'xl/worksheets/sheet1.xml': sheet } }));
    expect(error.problem).toBe('MALFORMED_XLSX');
  });
});

describe('reading merged cells', () => {
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet = (sheetData: string, mergeCells: string) =>
    '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<x:sheetData>${sheetData}</x:sheetData>${mergeCells}</x:worksheet>`;

  it('keeps covered cells empty and tells what the range shows: its top-left value, down and across', async () => {
    const sheetData =
      `<x:row r="1">${inline('A1', 'DAFTAR')}</x:row>` +
      `<x:row r="2">${inline('A2', 'a')}${inline('B2', 'KETUA_RT')}</x:row>` +
      `<x:row r="3">${inline('A3', 'b')}<x:c r="B3" s="1"/></x:row>` +
      `<x:row r="4">${inline('A4', 'c')}</x:row>` +
      `<x:row r="5">${inline('A5', 'd')}</x:row>`;
    const merges = '<x:mergeCells count="3"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="B2:B4"/><x:mergeCell ref="C5:C6"/></x:mergeCells>';
    const path = makeXlsx(file('merged.xlsx'), { parts: { 'xl/worksheets/sheet1.xml': sheet(sheetData, merges) } });
    const rows: [number, string[], (string | undefined)[]][] = [];
    for await (const row of readSpreadsheet(path, { wantsMergedCells: () => true })) {
      rows.push([row.rowNumber, row.cells.map((c) => c.text), [0, 1, 2, 3].map((column) => row.merged?.valueAt(column)?.text)]);
    }
    expect(rows).toEqual([
      [1, ['DAFTAR'], ['DAFTAR', 'DAFTAR', 'DAFTAR', undefined]],
      [2, ['a', 'KETUA_RT'], [undefined, 'KETUA_RT', undefined, undefined]],
      [3, ['b'], [undefined, 'KETUA_RT', undefined, undefined]],
      [4, ['c'], [undefined, 'KETUA_RT', undefined, undefined]],
      // C5's range starts empty: it shows nothing.
      [5, ['d'], [undefined, undefined, undefined, undefined]],
    ]);
    // Asked for from row 3 on: B2:B4 starts above it, and is left out. Not asked for: none.
    let asked = 0;
    const fromRow3: (string | undefined)[] = [];
    for await (const row of readSpreadsheet(path, { wantsMergedCells: () => ++asked >= 3 })) fromRow3.push(row.merged?.valueAt(1)?.text);
    expect(fromRow3).toEqual([undefined, undefined, undefined, undefined, undefined]);
    for await (const row of readSpreadsheet(path)) expect(row.merged).toBeUndefined();
  });

  it('finds every range however the inflated sheet is cut into chunks', async () => {
    const xml = sheet(
      `<x:row r="1">${inline('A1', 'mergeCell ref="Z1:Z9"')}</x:row>`,
      '<x:mergeCells><x:mergeCell ref="J10:J5"/><mergeCell  ref="A1:B1" /><x:mergeCell ref="C3"/></x:mergeCells>',
    );
    const bytes = Buffer.from(xml);
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks = async function* () {
        for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
      };
      const { count, bounds } = await readMergedRanges(chunks());
      // In first-row order, normalised; text that reads like a tag and single cells are no ranges.
      expect([size, count, [...bounds]]).toEqual([size, 2, [1, 1, 0, 1, 5, 10, 9, 9]]);
    }
  });

  it(`refuses more than ${MAX_OPEN_MERGED_RANGES} ranges open on one row`, async () => {
    const columns = MAX_OPEN_MERGED_RANGES + 1;
    const cells = Array.from({ length: columns }, (_, i) => `<x:c r="${columnLetters(i)}1"><x:v>1</x:v></x:c>`).join('');
    const merges = Array.from({ length: columns }, (_, i) => `<x:mergeCell ref="${columnLetters(i)}1:${columnLetters(i)}2"/>`).join('');
    const path = makeXlsx(file('many-merges.xlsx'), { parts: { 'xl/worksheets/sheet1.xml': sheet(`<x:row r="1">${cells}</x:row>`, `<x:mergeCells>${merges}</x:mergeCells>`) } });
    let error: unknown;
    try {
      for await (const _ of readSpreadsheet(path, { wantsMergedCells: () => true }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ problem: 'TOO_MANY_MERGED_CELLS' });
  });
});
