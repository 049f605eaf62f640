import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemberFileError, checkMemberFile, readMemberFile } from '../../shared/documents/enrollment-files/member-file';
import { XlsxWriter } from '../../shared/documents/spreadsheets/xlsx-writer';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-member-file-'));
let files = 0;

/** A `;`-separated member file, as Indonesian-locale Excel saves it. */
function memberCsv(rows: readonly (readonly string[])[]): string {
  const file = path.join(dir, `anggota-${files++}.csv`);
  writeFileSync(file, rows.map((cells) => cells.join(';')).join('\r\n'));
  return file;
}

const HEADER = ['NIK', 'Nama', 'KPJ', 'Status', 'Alasan', 'Mulai Kepesertaan'];
const SITI = '3674315002900001';
const BUDI = '3674311001850002';

async function answers(file: string) {
  const read = [];
  for await (const row of readMemberFile(file)) read.push(row);
  return read;
}

async function problemOf(file: string): Promise<string> {
  const error = await checkMemberFile(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MemberFileError);
  return (error as Error).message;
}

describe('the member file reader', () => {
  it("reads each person's answer by the column titles, in Indonesian or English, ignoring other columns", async () => {
    const file = memberCsv([
      HEADER,
      [SITI, 'Siti Rahayu', '10000000123', 'Terdaftar', '', '01/03/2027'],
      [BUDI, 'Budi Santoso', '', 'refused', 'Terdaftar di wadah lain', ''],
    ]);
    expect(await answers(file)).toEqual([
      { row: 2, answer: { row: 2, nik: SITI, status: 'registered', kpj: '10000000123', coverageStart: '2027-03-01' } },
      { row: 3, answer: { row: 3, nik: BUDI, status: 'refused', reason: 'Terdaftar di wadah lain' } },
    ]);
    expect(await checkMemberFile(file)).toEqual({ answers: 2, registered: 1, refused: 1 });
  });

  it('keeps a NIK and KPJ an .xlsx holds as text', async () => {
    const file = path.join(dir, 'anggota.xlsx');
    const writer = new XlsxWriter(createWriteStream(file), 'Anggota');
    await writer.writeRow(['NIK', 'No KPJ', 'Status Pendaftaran']);
    await writer.writeRow([SITI, '01234567890', 'terdaftar']);
    await writer.close();
    expect(await answers(file)).toEqual([{ row: 2, answer: { row: 2, nik: SITI, status: 'registered', kpj: '01234567890' } }]);
  });

  it('refuses a bad NIK, naming the row and column, without showing the NIK', async () => {
    const message = await problemOf(memberCsv([HEADER, [SITI, 'Siti', '10000000123', 'terdaftar', '', ''], ['3.67431E+15', 'Budi', '10000000124', 'terdaftar', '', '']]));
    expect(message).toContain('The member file has 1 problem; nothing was sent.');
    expect(message).toContain('Row 3, column A ("NIK"): Excel turned the NIK into scientific notation');
    expect(message).toContain('Use the NIK as the registration file has it.');
  });

  it('refuses an unknown status, saying which statuses there are', async () => {
    const message = await problemOf(memberCsv([HEADER, [SITI, 'Siti', '10000000123', 'diterima', '', '']]));
    expect(message).toContain('Row 2, column D ("Status"): "diterima" is no status. Write terdaftar (registered) or ditolak (refused).');
  });

  it('refuses a registered person without a KPJ, or with one that is not 11 digits', async () => {
    const message = await problemOf(memberCsv([HEADER, [SITI, 'Siti', '', 'terdaftar', '', ''], [BUDI, 'Budi', '1234567890', 'terdaftar', '', '']]));
    expect(message).toContain('Row 2, column C ("KPJ"): the person is registered (terdaftar) but has no KPJ. Fill in the KPJ');
    expect(message).toContain('Row 3, column C ("KPJ"): "1234567890" is not a KPJ number of 11 digits.');
  });

  it('refuses a person answered twice or a KPJ given twice, with the NIK masked', async () => {
    const message = await problemOf(
      memberCsv([HEADER, [SITI, 'Siti', '10000000123', 'terdaftar', '', ''], [SITI, 'Siti', '', 'ditolak', 'Data tidak sesuai', ''], [BUDI, 'Budi', '10000000123', 'terdaftar', '', '']]),
    );
    expect(message).toContain('Rows 2 and 3 both answer NIK 3674********0001: keep one row per person');
    expect(message).toContain('Rows 2 and 4 give the same KPJ 10000000123 to two people');
    expect(message).not.toContain(SITI);
  });

  it('masks a NIK typed into another column', async () => {
    const message = await problemOf(memberCsv([HEADER, [SITI, 'Siti', '10000000123', BUDI, '', '']]));
    expect(message).toContain('"3674********0002" is no status');
    expect(message).not.toContain(BUDI);
  });

  it('refuses a header without a Status column', async () => {
    const error = await answers(memberCsv([['NIK', 'KPJ'], [SITI, '10000000123']])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemberFileError);
    expect((error as Error).message).toContain("The member file's header (row 1) has no Status column.");
  });
});
