import { describe, expect, it } from 'vitest';
import { MAX_SPREADSHEET_BYTES } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { makeXlsx, readError, readRows, scratchDir, writeBytes } from './helpers';

const file = scratchDir();

describe('checking a file before reading rows', () => {
  it('allows 256 MiB by default', () => {
    expect(MAX_SPREADSHEET_BYTES).toBe(256 * 1024 * 1024);
  });

  it('refuses a file over the size limit before reading, saying the limit and to split the file', async () => {
    const error = await readError(writeBytes(file('big.csv'), 'NIK,Nama\n'.repeat(20)), { maxBytes: 100 });
    expect(error.problem).toBe('FILE_TOO_LARGE');
    expect(error.message).toBe('The file is 180 bytes; the limit is 100 bytes. Split the rows into several smaller files and import each.');
    expect(await readRows(writeBytes(file('at-limit.csv'), 'NIK\n1\n'), { maxBytes: 6 })).toHaveLength(2);
  });

  it.each([
    ['empty.csv', ''],
    ['only-bom.csv', '\uFEFF'],
    ['only-whitespace.csv', '\uFEFF \r\n\t\n  \n'],
    ['only-delimiters.csv', ',,,\r\n,,\r\n'],
  ])('refuses %s as EMPTY_FILE', async (name, content) => {
    expect((await readError(writeBytes(file(name), content))).problem).toBe('EMPTY_FILE');
  });

  it('refuses a workbook whose first sheet is empty', async () => {
    const error = await readError(makeXlsx(file('empty.xlsx'), { sheetData: '<row r="1"><c r="A1" s="1"/></row>' }));
    expect([error.problem, error.message]).toEqual(['EMPTY_FILE', expect.stringContaining('first worksheet')]);
  });

  it('refuses an old .xls (OLE2) file, saying to save as .xlsx or CSV UTF-8', async () => {
    const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)];
    const error = await readError(writeBytes(file('old.xlsx'), ole2));
    expect(error.problem).toBe('WRONG_FILE_TYPE');
    expect(error.message).toContain('.xls');
    expect(error.message).toContain('Excel Workbook (.xlsx) or CSV UTF-8');
  });

  it.each([
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]],
    ['a PDF document', [...Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n')]],
    ['a JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]],
    ['a binary file', [...Buffer.from('NIK,Nama\n'), 0, 1, 2, 3]],
  ])('refuses %s, naming it', async (looksLike, bytes) => {
    const error = await readError(writeBytes(file('upload.csv'), bytes));
    expect(error.problem).toBe('WRONG_FILE_TYPE');
    expect(error.message).toContain(`This file is ${looksLike}`);
  });

  it('refuses an HTML page saved as .xls by another system, rather than reading it as CSV', async () => {
    const error = await readError(writeBytes(file('export.xls'), '\uFEFF<html><body><table><tr><td>NIK</td></tr></table></body></html>'));
    expect([error.problem, error.message]).toEqual(['WRONG_FILE_TYPE', expect.stringContaining('web page (HTML)')]);
  });

  it('refuses UTF-16 text (Excel "Unicode Text") as not UTF-8', async () => {
    const error = await readError(writeBytes(file('unicode.txt'), Buffer.from('\uFEFFNIK\tNama\r\n', 'utf16le')));
    expect([error.problem, error.message]).toEqual(['NOT_UTF8', expect.stringContaining('UTF-16')]);
  });

  it('tells the type from the bytes, not the name', async () => {
    const xlsxNamedCsv = makeXlsx(file('roster.csv'), { sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c></row>' });
    expect(await readRows(xlsxNamedCsv)).toEqual([[1, ['text:NIK']]]);
    expect(await readRows(writeBytes(file('roster.xlsx'), 'NIK\n1\n'))).toEqual([[1, ['text:NIK']], [2, ['text:1']]]);
  });
});
