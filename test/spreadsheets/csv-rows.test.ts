import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { CellTooLongError, MAX_CELL_CHARS } from '../../shared/documents/spreadsheets/spreadsheet-limits';
import { isOpen, readError, readRows, scratchDir, writeBytes } from './helpers';

const file = scratchDir();
const csv = (name: string, content: string | readonly number[]) => writeBytes(file(name), content);

describe('reading CSV', () => {
  it('reads comma-separated rows, every cell text and empty strings as empty', async () => {
    const path = csv('comma.csv', 'NIK,Nama,Tanggal Lahir\n3674015001900001,Siti Aminah,01/02/1980\n0074015001900002,,1975-12-31\n');
    expect(await readRows(path)).toEqual([
      [1, ['text:NIK', 'text:Nama', 'text:Tanggal Lahir']],
      [2, ['text:3674015001900001', 'text:Siti Aminah', 'text:01/02/1980']],
      [3, ['text:0074015001900002', 'empty:', 'text:1975-12-31']],
    ]);
  });

  it('reads semicolon-separated rows as Indonesian-locale Excel saves them, commas in cells kept', async () => {
    const path = csv('semicolon.csv', 'NIK;Nama;Upah\r\n3674015001900001;Siti, Aminah;1.500.000,50\r\n');
    expect(await readRows(path)).toEqual([
      [1, ['text:NIK', 'text:Nama', 'text:Upah']],
      [2, ['text:3674015001900001', 'text:Siti, Aminah', 'text:1.500.000,50']],
    ]);
  });

  it('sniffs the delimiter from the first line only, ignoring delimiters inside quotes', async () => {
    const path = csv('quoted-header.csv', '"Nama, lengkap";NIK;"a,b,c"\nSiti;1;x\n');
    expect(await readRows(path)).toEqual([
      [1, ['text:Nama, lengkap', 'text:NIK', 'text:a,b,c']],
      [2, ['text:Siti', 'text:1', 'text:x']],
    ]);
  });

  it('strips a UTF-8 BOM and keeps non-ASCII letters', async () => {
    const path = csv('bom.csv', '\uFEFFNIK,Nama\n1,Ni Luh Putu Ayu Ṣaraswatī\n');
    expect(await readRows(path)).toEqual([
      [1, ['text:NIK', 'text:Nama']],
      [2, ['text:1', 'text:Ni Luh Putu Ayu Ṣaraswatī']],
    ]);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, numbering rows by their first line', async () => {
    const path = csv(
      'quoted.csv',
      'NIK,Alamat,Catatan\r\n1,"Jl. Mawar No. 5,\r\nRT 01/RW 02","kata ""Bu RT"""\r\n2,"baris\nkedua\nketiga",x\r\n3,Jl. Melati,\r\n',
    );
    expect(await readRows(path)).toEqual([
      [1, ['text:NIK', 'text:Alamat', 'text:Catatan']],
      [2, ['text:1', 'text:Jl. Mawar No. 5,\r\nRT 01/RW 02', 'text:kata "Bu RT"']],
      [4, ['text:2', 'text:baris\nkedua\nketiga', 'text:x']],
      [7, ['text:3', 'text:Jl. Melati', 'empty:']],
    ]);
  });

  it('reads CRLF and LF line ends alike, and a last line without one', async () => {
    expect(await readRows(csv('crlf.csv', 'a,b\r\nc,d\r\ne,f'))).toEqual(await readRows(csv('lf.csv', 'a,b\nc,d\ne,f\n')));
  });

  it('skips blank lines but still counts them, and rows may have different lengths', async () => {
    const path = csv('blank-lines.csv', 'NIK,Nama\n\n1,Siti,extra\n,\n   \n2\n');
    expect(await readRows(path)).toEqual([
      [1, ['text:NIK', 'text:Nama']],
      [3, ['text:1', 'text:Siti', 'text:extra']],
      [6, ['text:2']],
    ]);
  });

  it('refuses bytes that are not UTF-8, naming the row and how to save as CSV UTF-8', async () => {
    const bytes = [...Buffer.from('NIK,Nama\n1,Siti\n2,Andr'), 0xff, ...Buffer.from('s\n3,Budi\n')];
    const error = await readError(csv('latin1.csv', bytes));
    expect(error.problem).toBe('NOT_UTF8');
    expect(error.message).toMatch(/^Row 3 /);
    expect(error.message).toContain('CSV UTF-8');
  });

  it('names the first line of a multi-line record holding the bad byte', async () => {
    const bytes = [...Buffer.from('NIK,Alamat\n1,"Jl. Mawar\nGang '), 0xe9, ...Buffer.from('"\n')];
    expect((await readError(csv('latin1-multiline.csv', bytes))).message).toMatch(/^Row 2 /);
  });

  it('refuses a multi-byte character cut off at the end of the file', async () => {
    const bytes = [...Buffer.from('NIK\n1\n'), 0xc3];
    const error = await readError(csv('truncated.csv', bytes));
    expect([error.problem, error.message.slice(0, 6)]).toEqual(['NOT_UTF8', 'Row 3 ']);
  });

  it('accepts a multi-byte character split across read chunks', async () => {
    // Reads come in 64 KiB chunks: put "ü" (two bytes) across the first boundary, after cells
    // within the limit of one cell.
    const cells = `${'x'.repeat(19_999)},`.repeat(3);
    const filler = 'x'.repeat(64 * 1024 - `NIK,Nama\n1,${cells}`.length - 1);
    const rows = await readRows(csv('boundary.csv', `NIK,Nama\n1,${cells}${filler}ü\n`));
    expect(rows[1]?.[1][4]).toBe(`text:${filler}ü`);
  });

  it('refuses a quote that is never closed, naming the row where the cell starts', async () => {
    const error = await readError(csv('unclosed.csv', 'NIK,Nama\n1,Siti\n2,"Budi\n3,Ani\n'));
    expect(error.problem).toBe('MALFORMED_CSV');
    expect(error.message).toMatch(/^Row 3: a cell opened with a quote \("\) is never closed/);
  });

  it('refuses characters after a closing quote and quotes inside unquoted cells', async () => {
    const afterQuote = await readError(csv('after-quote.csv', 'NIK,Nama\n1,"Siti" Aminah\n'));
    expect([afterQuote.problem, afterQuote.message.slice(0, 6)]).toEqual(['MALFORMED_CSV', 'Row 2:']);
    const inside = await readError(csv('inside-quote.csv', 'NIK,Nama\n1,Siti\n2,Gg. "Melati"\n'));
    expect([inside.problem, inside.message.slice(0, 6)]).toEqual(['MALFORMED_CSV', 'Row 3:']);
  });

  it('stops at an unclosed quote long before it swallows the rest of a large file', async () => {
    const rows = '3674015001900001,Siti Aminah,Jl. Mawar No. 5\n'.repeat(40_000);
    const error = await readError(csv('runaway-quote.csv', `NIK,Nama,Alamat\n1,"Budi,Jl. Melati\n${rows}`));
    expect(error.problem).toBe('MALFORMED_CSV');
    expect(error.message).toMatch(/^Row 2: the row runs on over line breaks past 1,000,000 characters, because a quote \("\) is never closed/);
  });

  it.each([
    ['just over the limit', MAX_CELL_CHARS + 1],
    ['past the length of a whole record', 1_500_000],
  ])('refuses a cell %s naming its row and column, not an unclosed quote', async (_, length) => {
    const error = await readError(csv(`long-cell-${length}.csv`, `NIK,Nama,Alamat
1,Siti,Jl. Mawar
2,Budi,${'x'.repeat(length)}
3,Ani,Jl. Melati
`));
    expect(error).toBeInstanceOf(CellTooLongError);
    expect(error.problem).toBe('CELL_TOO_LONG');
    expect(error.message).toMatch(/^Row 3, column C: the cell holds more than 32,767 characters, Excel's limit for a cell\. Shorten it/);
  });

  it('reads a cell of exactly the limit', async () => {
    const rows = await readRows(csv('cell-at-limit.csv', `NIK,Alamat
1,${'x'.repeat(MAX_CELL_CHARS)}
`));
    expect(rows[1]?.[1][1]).toHaveLength('text:'.length + MAX_CELL_CHARS);
  });

  it('names the column by its title where the caller knows the header row', () => {
    const header = { rowNumber: 1, cells: [{ text: 'NIK', kind: 'text' as const }, { text: ' Alamat Lengkap ', kind: 'text' as const }] };
    expect(new CellTooLongError(5, 1).titled(header).message).toMatch(/^Row 5, column "Alamat Lengkap" \(B\): the cell holds more than/);
    // A column without a title, and the header row itself, keep the letters.
    expect(new CellTooLongError(5, 2).titled(header).message).toMatch(/^Row 5, column C:/);
    expect(new CellTooLongError(1, 1).titled(header).message).toMatch(/^Row 1, column B:/);
  });

  it('releases the file when the consumer stops early', async () => {
    const path = csv('long.csv', 'NIK\n' + '3674015001900001\n'.repeat(50_000));
    for await (const row of readSpreadsheet(path)) {
      expect([row.rowNumber, isOpen(path)]).toEqual([1, true]);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isOpen(path)).toBe(false);
  });
});
