import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, MAX_SPREADSHEET_ROWS } from '../../shared/documents/spreadsheets/spreadsheet-limits';
import { repeatedPart, SHEET_END, SHEET_START, streamedPart, writeWorkbookWithSheet } from './bomb-files';
import { heapUsed, readError, scratchDir } from './helpers';

const file = scratchDir();
const MB = 1024 * 1024;

/** `megabytes` of sheet XML from about a thousandth of that: one long run of a repeated row. */
function inflatingBomb(name: string, megabytes: number, declaredSize?: number): string {
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const unit = row.repeat(Math.floor(MB / row.length));
  const sheet = repeatedPart(SHEET_START, unit, megabytes, SHEET_END);
  return writeWorkbookWithSheet(file(name), { ...sheet, size: declaredSize ?? sheet.size });
}

/** A header and `count` identical roster rows, numbered as Excel numbers them (so less compressible than a bomb). */
async function identicalRows(name: string, count: number): Promise<string> {
  let next = 1;
  const sheet = await streamedPart(() => {
    if (next > count + 1) return next++ === count + 2 ? SHEET_END : undefined;
    const pieces: string[] = next === 1 ? [SHEET_START, '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c><c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>'] : [];
    if (next === 1) next = 2;
    for (const end = Math.min(count + 1, next + 9_999); next <= end; next++) {
      pieces.push(`<row r="${next}"><c r="A${next}" t="inlineStr"><is><t>3.67401E+15</t></is></c><c r="B${next}" t="inlineStr"><is><t>Budi</t></is></c></row>`);
    }
    return pieces.join('');
  });
  return writeWorkbookWithSheet(file(name), sheet);
}

/**
 * Peak resident memory of `lindung roster import --file FILE` (it checks the file before contacting
 * the API), started as npx starts it: through bin/lindung.mjs's shebang, with its Node options.
 */
async function cliImport(filePath: string): Promise<{ stderr: string; peakMb: number }> {
  const reportPeak = `data:text/javascript,process.on('exit',()=>process.stderr.write('PEAK_RSS_KB='+process.resourceUsage().maxRSS))`;
  const result = await promisify(execFile)(
    path.resolve('bin/lindung.mjs'),
    ['roster', 'import', '--regulation', 'perwal-bomb', '--file', filePath, '--coverage-start', '2027-01-01'],
    { env: { ...process.env, NODE_OPTIONS: `--import=${reportPeak}`, LINDUNG_API_URL: 'http://127.0.0.1:9', LINDUNG_TOKEN: 'unused' } },
  ).catch((error: { stderr: string }) => error);
  const peak = /PEAK_RSS_KB=(\d+)/.exec(result.stderr);
  expect(peak, result.stderr).not.toBeNull();
  return { stderr: result.stderr, peakMb: Number(peak![1]) / 1024 };
}

describe('hostile workbooks are refused early, naming the limit, with memory flat', () => {
  it('a 1.1 MB .xlsx whose sheet inflates to 1.15 GB is refused before inflating, and the CLI stays under 200 MB', async () => {
    const bomb = inflatingBomb('bomb.xlsx', 1_150);
    const started = Date.now();
    const error = await readError(bomb);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.problem).toBe('INFLATES_TOO_MUCH');
    expect(error.message).toMatch(/xl\/worksheets\/sheet1\.xml inflates to 1\.1 GB; the limit is 1 GB .*Split the roster into several files/);

    const cli = await cliImport(bomb);
    expect(cli.stderr).toContain('inflates to 1.1 GB');
    expect(cli.peakMb).toBeLessThan(200);
  }, 30_000);

  it('a bomb that declares a small size is stopped once it inflates past it', async () => {
    const started = Date.now();
    const error = await readError(inflatingBomb('lying.xlsx', 1_150, MB));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.problem).toBe('MALFORMED_XLSX');
    expect(error.message).toContain('too many bytes in the stream');
  });

  it('a sheet that inflates far more than real workbooks do is refused by its compression ratio', async () => {
    const error = await readError(inflatingBomb('ratio.xlsx', 40));
    expect(error.problem).toBe('INFLATES_TOO_MUCH');
    expect(error.message).toMatch(/inflates [\d,]+ times \(.* to 40 MB\); the limit is 200 times\..*save it again as Excel Workbook/);
  });

  it(`1.87 million identical rows stop at Excel's ${MAX_SPREADSHEET_ROWS.toLocaleString('en')} rows, and the CLI stays under 200 MB`, async () => {
    const rows = await identicalRows('identical.xlsx', 1_870_000);
    const error = await readError(rows);
    expect(error.problem).toBe('TOO_MANY_ROWS');
    expect(error.message).toContain('more than 1,048,576 rows');
    expect(error.message).toContain('split them into several files');

    const cli = await cliImport(rows);
    expect(cli.stderr).toContain('more than 1,048,576 rows');
    expect(cli.peakMb).toBeLessThan(200);
  }, 60_000);

  // Under 10 MB inflated, so that the compression ratio does not stop them first.
  it.each([
    ['one huge text', `<c r="B2" t="inlineStr"><is><t>${'x'.repeat(8 * MB)}</t></is></c>`],
    ['many rich-text runs', `<c r="B2" t="inlineStr"><is>${'<r><t>xxxxxxxxxxxxxxxxxxxx</t></r>'.repeat(256 * 1024)}</is></c>`],
    ['a cell just over the limit', `<c r="B2" t="inlineStr"><is><t>${'x'.repeat(MAX_CELL_CHARS + 1)}</t></is></c>`],
  ])('a cell of %s is refused naming its row and column, with memory flat', async (_, cell) => {
    const sheet = `${SHEET_START}<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c></row><row r="2">${cell}</row>${SHEET_END}`;
    const workbook = writeWorkbookWithSheet(file('cell.xlsx'), await streamedPart(((done = false) => () => (done ? undefined : ((done = true), sheet)))()));
    const before = heapUsed();
    const error = await readError(workbook);
    expect(heapUsed() - before).toBeLessThan(8 * MB);
    expect(error.problem).toBe('CELL_TOO_LONG');
    expect(error.message).toMatch(/^(Row 2, column B: the cell holds more than 32,767 characters|The workbook holds a text of more than)/);
  });
});
