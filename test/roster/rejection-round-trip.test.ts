import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { dateCell } from '../../shared/documents/spreadsheets/sheet-cell';
import { XlsxWriter } from '../../shared/documents/spreadsheets/xlsx-writer';
import { api, tokenFor } from '../support/api';
import { importRoster, tangselNik } from '../support/roster-files';
import { readRows } from '../spreadsheets/helpers';
import { tangselRegulation } from '../support/tangsel';

/**
 * The rejection report goes back to the office as its file was: every column in its order (RT,
 * RW, its own notes), dates as written, then the problem columns; and the office's corrected
 * report imports again as it is.
 */

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const REGULATION_ID = 'perwal-rejection-round-trip';
const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-rejection-round-trip-'));
let admin: string;

const HEADER = ['No', 'NIK', 'Nama', 'Tgl. Lahir', 'JK', 'RT', 'RW', 'Segmen', 'Keterangan'];
const PROBLEM_COLUMNS = ['Baris', 'Kode Alasan', 'Alasan', 'Reason', 'Perbaikan'];
const good = tangselNik('1981-02-03', 'L', 2101);
const ketuaRt = tangselNik('1975-06-07', 'L', 2102);
const fixedBad = tangselNik('1990-12-01', 'L', 2103);
const fixedDuplicate = tangselNik('1969-08-17', 'L', 2104);

beforeAll(async () => {
  admin = await tokenFor('admin', 'ani');
  expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: tangselRegulation(REGULATION_ID) })).status).toBe(200);
});

function rejections(importId: string, output: string, ...flags: string[]) {
  return run(lindungBin, ['roster', 'rejections', importId, '-o', output, ...flags], { env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin } });
}

describe('the rejection report round trip', () => {
  it("keeps the office's columns, their order and its date format, and imports again once fixed", async () => {
    const file = path.join(dir, 'roster.csv');
    const rows = [
      ['1', good, 'Asep Saepudin', '03/02/1981', 'L', '003', '007', 'KETUA_RT', 'lama'],
      ['2', '36740112', 'Dedi Mulyadi', '01/12/1990', 'L', '004', '007', 'KETUA_RT', 'NIK kurang'],
      ['3', ketuaRt, 'Ujang Suherman', '07/06/1975', 'L', '001', '002', 'KETUA_RT', ''],
      // The same NIK in a lower-priority segment: it loses to row 3, and is reported as written.
      ['4', ketuaRt, 'Ujang Suherman', '7-6-1975', 'L', '001', '002', 'MARBOT', 'juga marbot'],
    ];
    writeFileSync(file, [HEADER, ...rows].map((cells) => cells.join(';')).join('\r\n'));
    const imported = await importRoster(REGULATION_ID, file);
    expect(imported).toMatchObject({ status: 'completed', accepted: 2, rejected: 2, columns: HEADER });

    const report = path.join(dir, 'ditolak.csv');
    expect((await rejections(imported.importId, report)).stdout).toContain('Wrote 2 rejected rows');
    const lines = readFileSync(report, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe([...HEADER, ...PROBLEM_COLUMNS].join(';'));
    expect(lines[1]).toMatch(/^2;36740112;Dedi Mulyadi;01\/12\/1990;L;004;007;KETUA_RT;NIK kurang;3;NIK_FORMAT;/);
    expect(lines[2]).toMatch(new RegExp(`^4;${ketuaRt};Ujang Suherman;7-6-1975;L;001;002;MARBOT;juga marbot;5;DUPLICATE_LOWER_PRIORITY_SEGMENT;`));

    // The office fixes the NIKs in the report and imports it again, problem columns and all, with tabs this time.
    const tabbed = path.join(dir, 'ditolak-tab.csv');
    await rejections(imported.importId, tabbed, '--delimiter', 'tab');
    const fixed = path.join(dir, 'diperbaiki.csv');
    writeFileSync(fixed, readFileSync(tabbed, 'utf8').replace('36740112', fixedBad).replace(`4\t${ketuaRt}`, `4\t${fixedDuplicate}`).replace('7-6-1975', '17-8-1969'));
    expect(readFileSync(fixed, 'utf8').split('\r\n')[0]).toBe(`\uFEFF${[...HEADER, ...PROBLEM_COLUMNS].join('\t')}`);
    const again = await importRoster(REGULATION_ID, fixed);
    expect(again).toMatchObject({ status: 'completed', accepted: 2, rejected: 0 });
  });

  it('writes an XLSX report with the text as written (no formula quote) and XLSX dates as dates', async () => {
    const file = path.join(dir, 'roster.xlsx');
    const writer = new XlsxWriter(createWriteStream(file), 'Roster');
    await writer.writeRow(HEADER);
    await writer.writeRow(['1', '3674', 'Tono', dateCell('1981-02-03'), 'L', '003', '007', 'KETUA_RT', '=1+1 bukan rumus']);
    await writer.close();
    const imported = await importRoster(REGULATION_ID, file);
    expect(imported).toMatchObject({ status: 'completed', accepted: 0, rejected: 1 });

    const report = path.join(dir, 'ditolak.xlsx');
    await rejections(imported.importId, report);
    const [header, row] = await readRows(report);
    expect(header![1]).toEqual([...HEADER, ...PROBLEM_COLUMNS].map((title) => `text:${title}`));
    expect(row![1].slice(0, 9)).toEqual(['text:1', 'text:3674', 'text:Tono', 'date:1981-02-03', 'text:L', 'text:003', 'text:007', 'text:KETUA_RT', 'text:=1+1 bukan rumus']);
    expect(strFromU8(unzipSync(readFileSync(report))['xl/worksheets/sheet1.xml']!)).not.toContain("'=");
  });
});
