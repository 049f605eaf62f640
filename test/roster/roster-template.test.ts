import { writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../../shared/documents/roster-file/read-roster-file';
import type { RosterHeader } from '../../shared/documents/roster-file/roster-header';
import { rosterTemplate } from '../../shared/documents/roster-file/roster-template';
import { scratchDir } from '../spreadsheets/helpers';
import { tangselRegulation } from '../support/tangsel';

const file = scratchDir();
const regulation = tangselRegulation('perwal-template');
const parts = () => {
  const unzipped = unzipSync(rosterTemplate(regulation));
  return (name: string) => strFromU8(unzipped[name]!);
};

describe('the roster template', () => {
  it('has the roster columns as the import reads them, and nothing else', async () => {
    const path = file('templat.xlsx');
    writeFileSync(path, rosterTemplate(regulation));
    let header: RosterHeader | undefined;
    for await (const _ of readRosterFile(path, (found) => (header = found))) throw new Error('the template has no people');
    expect(header?.row.rowNumber).toBe(1);
    expect(header?.columns.columns).toEqual({ nik: 0, name: 1, birthDate: 2, gender: 3, address: 4, kelurahan: 5, kecamatan: 6, phone: 7, segment: 8 });
    expect(header?.columns.ignored).toEqual([]);
  });

  it('formats the NIK column as Text, so Excel cannot turn a NIK into 3.67401E+15', () => {
    const part = parts();
    const nikStyle = Number(/<col min="1" max="1"[^>]* style="(\d+)"/.exec(part('xl/worksheets/sheet1.xml'))?.[1]);
    const formats = [...part('xl/styles.xml').split('<cellXfs')[1]!.matchAll(/<xf numFmtId="(\d+)"/g)].map((m) => m[1]);
    expect(formats[nikStyle]).toBe('49');
  });

  it("offers the regulation's segment codes in a drop-down on the Segmen column, listed on the Petunjuk sheet", () => {
    const part = parts();
    expect(part('xl/worksheets/sheet1.xml')).toMatch(/<dataValidation type="list"[^>]*sqref="I2:I1048576"><formula1>DaftarSegmen<\/formula1>/);
    const range = /<definedName name="DaftarSegmen">'Petunjuk'!\$A\$(\d+):\$A\$(\d+)<\/definedName>/.exec(part('xl/workbook.xml'));
    expect(range).not.toBeNull();
    const notes = part('xl/worksheets/sheet2.xml');
    const listed = [];
    for (let row = Number(range![1]); row <= Number(range![2]); row++) listed.push(new RegExp(`<c r="A${row}"[^>]*><is><t[^>]*>([^<]*)</t>`).exec(notes)?.[1]);
    expect(listed).toEqual(regulation.segments.map((s) => s.code));
    expect(part('xl/workbook.xml')).toMatch(/<sheet name="Peserta" sheetId="1"[^>]*\/><sheet name="Petunjuk"/);
  });

  it('explains every column on the Petunjuk sheet, in Bahasa Indonesia and English', () => {
    const notes = parts()('xl/worksheets/sheet2.xml');
    for (const title of ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Kelurahan', 'Kecamatan', 'No HP', 'Segmen']) {
      expect(notes).toMatch(new RegExp(`<row r="\\d+"><c r="A\\d+"[^>]*><is><t[^>]*>${title}</t></is></c><c r="B\\d+"[^>]*><is><t[^>]*>[^<]+</t></is></c><c r="C\\d+"`));
    }
    expect(notes).toContain('3,67401E+15');
    expect(notes).toContain('3.67401E+15');
  });
});
