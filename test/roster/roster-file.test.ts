import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { readRosterFile } from '../../shared/documents/roster-file/read-roster-file';
import type { RosterHeader } from '../../shared/documents/roster-file/roster-header';
import { FileFormatError } from '../../shared/documents/spreadsheets/file-format-error';
import { makeXlsx, scratchDir } from '../spreadsheets/helpers';
import { OFFICE_HEADER_ROW, OFFICE_TITLE, officeRosterXlsx, textRow } from '../support/roster-files';

const file = scratchDir();

/** The people read, without the cells each keeps for its rejection report (checked on their own below). */
async function read(path: string): Promise<{ header?: RosterHeader; rows: RawRosterRow[]; cells: string[][] }> {
  let header: RosterHeader | undefined;
  const rows: RawRosterRow[] = [];
  const cells: string[][] = [];
  for await (const { cells: written, dateCells: _dates, ...row } of readRosterFile(path, (found) => (header = found))) {
    rows.push(row);
    cells.push(written ?? []);
  }
  return { ...(header ? { header } : {}), rows, cells };
}

async function readError(path: string): Promise<FileFormatError> {
  try {
    await read(path);
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error(`${path} was read without error`);
}

function csv(name: string, lines: readonly string[]): string {
  const path = file(name);
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

const SITI = ['3674015001900001', 'Siti Aminah', '10/01/1990', 'P'];
const BUDI = ['3674011502850002', 'Budi Santoso', '15/02/1985', 'L'];
const DEWI = ['3674016003800003', 'Dewi Lestari', '20/03/1980', 'P'];

function person([nik, name, birthDate, gender]: readonly string[], row: number, segment?: string): RawRosterRow {
  return { row, values: { nik: nik!, name: name!, birthDate: birthDate!, gender: gender!, ...(segment ? { segment } : {}) } };
}

describe('a roster as an office keeps it in Excel', () => {
  it('finds the header under the title block, fills the merged segment down, and leaves out the No. column and the JUMLAH row', async () => {
    const people = [
      [...SITI, 'Jl. Mawar 1', 'Pondok Aren', 'Pondok Aren', '0812', 'KETUA_RT'],
      [...BUDI, 'Jl. Mawar 2', 'Pondok Aren', 'Pondok Aren', '0813', 'KETUA_RT'],
      [...DEWI, 'Jl. Mawar 3', 'Serpong', 'Serpong', '0814', 'KADER_KESEHATAN'],
    ];
    const { header, rows } = await read(officeRosterXlsx(file('office.xlsx'), people));
    expect([header?.row.rowNumber, header?.title]).toEqual([OFFICE_HEADER_ROW, OFFICE_TITLE[0]]);
    expect(header?.columns.numbering).toBe(0);
    expect(rows.map((r) => [r.row, r.values.nik, r.values.segment])).toEqual([
      [5, SITI[0], 'KETUA_RT'],
      [6, BUDI[0], 'KETUA_RT'], // under the merged cell J5:J6
      [7, DEWI[0], 'KADER_KESEHATAN'],
    ]);
    expect(rows[0]!.values).not.toHaveProperty('No.');
  });

  it('skips blank rows, numbered empty rows and a subtotal, and reads on after it; an unmerged blank segment stays blank', async () => {
    const sheetData = [
      textRow(2, ['Daftar Peserta 2027']),
      textRow(4, ['#', 'NIK', 'Nama', 'Tgl. Lahir', 'L/P', 'Segmen']),
      textRow(5, ['1', ...SITI, 'KETUA_RT']),
      textRow(6, ['2', ...BUDI]),
      textRow(8, ['3', ...DEWI, 'KADER_KESEHATAN']),
      textRow(9, ['4']),
      textRow(10, ['Jumlah :', '', '', '', '', '3']),
      textRow(11, ['5', '3674010101700004', 'Sesudah Jumlah', '01/01/1970', 'L', 'KETUA_RW']),
      // Column F of row 12 to 13 is merged, but its top-left cell is empty: nothing to fill.
      textRow(13, ['6', '3674010202700005', 'Tanpa Segmen', '02/02/1970', 'L']),
    ].join('');
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${sheetData}</sheetData><mergeCells><mergeCell ref="A2:F2"/><mergeCell ref="F12:F13"/></mergeCells></worksheet>`;
    const { header, rows } = await read(makeXlsx(file('gaps.xlsx'), { parts: { 'xl/worksheets/sheet1.xml': sheet } }));
    expect([header?.row.rowNumber, header?.title, header?.columns.numbering]).toEqual([4, 'Daftar Peserta 2027', 0]);
    expect(rows.map((r) => [r.row, r.values.name, r.values.segment])).toEqual([
      [5, 'Siti Aminah', 'KETUA_RT'],
      [6, 'Budi Santoso', undefined],
      [8, 'Dewi Lestari', 'KADER_KESEHATAN'],
      [11, 'Sesudah Jumlah', 'KETUA_RW'],
      [13, 'Tanpa Segmen', undefined],
    ]);
  });

  it('takes the first row as the header when it is one, with no title', async () => {
    const { header, rows } = await read(csv('plain.csv', ['NIK;Nama;Segmen', `${SITI[0]};Siti Aminah;KETUA_RT`]));
    expect([header?.row.rowNumber, header?.title, header?.columns.numbering]).toEqual([1, undefined, undefined]);
    expect(rows).toEqual([{ row: 2, values: { nik: SITI[0], name: 'Siti Aminah', segment: 'KETUA_RT' } }]);
  });
});

describe('a roster as an office keeps it in CSV', () => {
  it('finds the header under the title block; a blank segment cell under a block is not filled', async () => {
    const path = csv('office.csv', [
      'DAFTAR NAMA KETUA RT PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN KOTA TANGERANG SELATAN TAHUN 2027',
      ';;;;;',
      'No.;NIK;Nama;Tanggal Lahir;Jenis Kelamin;Segmen',
      `1;${SITI.join(';')};KETUA_RT`,
      `2;${BUDI.join(';')};`,
      ';;;;;',
      '3;;;;;',
      `4;${DEWI.join(';')};Kader Kesehatan`,
      'TOTAL;;;;;3',
    ]);
    const { header, rows, cells } = await read(path);
    expect([header?.row.rowNumber, header?.title]).toEqual([3, 'DAFTAR NAMA KETUA RT PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN KOTA…']);
    expect(rows).toEqual([person(SITI, 4, 'KETUA_RT'), person(BUDI, 5), person(DEWI, 8, 'Kader Kesehatan')]);
    // Each person keeps the cells of the header's columns as written, the No. column too, for the rejection report.
    expect(cells[0]).toEqual(['1', ...SITI, 'KETUA_RT']);
  });

  it('says the first 15 rows were searched, and which columns it looked for, when none is a header', async () => {
    const error = await readError(csv('headless.csv', Array.from({ length: 20 }, (_, i) => `${i + 1};${SITI.join(';')};KETUA_RT`)));
    expect(error.problem).toBe('NO_HEADER_ROW');
    expect(error.message).toContain('15 baris pertama');
    expect(error.message).toContain('first 15 rows');
    expect(error.message).toMatch(/"NIK", "Nama", "Segmen"/);
  });

  it('looks no further than row 15', async () => {
    const titles = Array.from({ length: 15 }, (_, i) => `Judul baris ${i + 1};;`);
    expect((await readError(csv('deep.csv', [...titles, 'NIK;Nama;Segmen', `${SITI[0]};Siti;KETUA_RT`]))).problem).toBe('NO_HEADER_ROW');
    const found = await read(csv('row-15.csv', [...titles.slice(1), 'NIK;Nama;Segmen', `${SITI[0]};Siti;KETUA_RT`]));
    expect(found.header?.row.rowNumber).toBe(15);
  });

  it('names the missing NIK column when a row looks like a header without one', async () => {
    const error = await readError(csv('no-nik.csv', ['Daftar Peserta', 'No;Nama;Alamat;Segmen', '1;Siti;Jl. Mawar;KETUA_RT']));
    expect(error.problem).toBe('NO_NIK_COLUMN');
    expect(error.message).toContain('baris 2');
  });
});
