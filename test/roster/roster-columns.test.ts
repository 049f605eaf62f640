import { describe, expect, it } from 'vitest';
import { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { DuplicateColumnError, columnLetter, fieldOfHeader, mapColumns, toRawRow } from '../../shared/documents/roster-file/roster-columns';
import { FileFormatError } from '../../shared/documents/spreadsheets/file-format-error';
import type { Cell, CellKind, SpreadsheetRow } from '../../shared/documents/spreadsheets/spreadsheet-row';

function header(...texts: string[]): SpreadsheetRow {
  return { rowNumber: 1, cells: texts.map((text) => ({ text, kind: text ? 'text' : 'empty' })) };
}

function row(rowNumber: number, ...cells: (string | [string, CellKind])[]): SpreadsheetRow {
  return {
    rowNumber,
    cells: cells.map((c): Cell => (typeof c === 'string' ? { text: c, kind: c ? 'text' : 'empty' } : { text: c[0], kind: c[1] })),
  };
}

describe('fieldOfHeader', () => {
  it.each([
    ['nik', ['NIK', 'nik', ' Nik ', 'No NIK', 'No. NIK', 'Nomor NIK', 'Nomor Induk Kependudukan', 'Nomor Induk Kependudukan (NIK)', 'No. KTP', 'No KTP', 'NIK (16 digit)', '\ufeffNIK']],
    ['name', ['Nama', 'NAMA', 'Nama Lengkap', 'Nama Lengkap (sesuai KTP)', 'nama_lengkap']],
    ['birthDate', ['Tanggal Lahir', 'Tgl Lahir', 'Tgl. Lahir', 'Tanggal_Lahir', 'TANGGAL LAHIR (dd/mm/yyyy)', 'TTL', 'Tempat, Tanggal Lahir', 'Tempat/Tgl Lahir']],
    ['gender', ['Jenis Kelamin', 'JK', 'L/P', 'Kelamin', 'Jenis Kelamin (L/P)', '(L/P)', 'Jns. Kelamin']],
    ['address', ['Alamat', 'Alamat Lengkap']],
    ['kelurahan', ['Kelurahan', 'Desa', 'Kelurahan/Desa', 'Desa/Kelurahan', 'Kel/Desa']],
    ['kecamatan', ['Kecamatan', 'Kec.']],
    ['phone', ['No HP', 'No. HP', 'Nomor HP', 'HP', 'No Telp', 'No. Telp.', 'Telepon', 'No. Handphone']],
    ['segment', ['Segmen', 'Segment', 'Kategori', 'SEGMEN PESERTA']],
  ])('reads %s from its usual headers', (field, headers) => {
    for (const text of headers as string[]) expect([text, fieldOfHeader(text)]).toEqual([text, field]);
  });

  it.each([['No'], ['No.'], ['No KK'], ['Nomor KK'], ['NIK Kepala Keluarga'], ['KPJ'], ['Alasan'], ['Reason'], ['Kode Alasan'], ['Perbaikan'], ['Keterangan']])(
    'ignores %s',
    (text) => {
      expect(fieldOfHeader(text)).toBeUndefined();
    },
  );
});

describe('mapColumns', () => {
  it('maps a typical header and lists what it ignores', () => {
    const map = mapColumns(header('No', 'NIK', 'Nama Lengkap', 'Tgl. Lahir', 'L/P', 'Alamat', 'Kelurahan/Desa', 'Kecamatan', 'No. HP', 'Segmen', ''));
    expect(map.columns).toEqual({ nik: 1, name: 2, birthDate: 3, gender: 4, address: 5, kelurahan: 6, kecamatan: 7, phone: 8, segment: 9 });
    expect(map.ignored).toEqual(['No']);
    expect(map.fields.map((f) => f.field)).toEqual(['nik', 'name', 'birthDate', 'gender', 'address', 'kelurahan', 'kecamatan', 'phone', 'segment']);
  });

  it('re-imports a rejection report: its Alasan and Reason columns are ignored', () => {
    const report = header('Baris', 'NIK', 'Nama', 'Tanggal Lahir', 'Segmen', 'Kode Alasan', 'Alasan', 'Reason', 'Perbaikan');
    const map = mapColumns(report);
    expect(map.columns).toEqual({ nik: 1, name: 2, birthDate: 3, segment: 4 });
    expect(map.ignored).toEqual(['Baris', 'Kode Alasan', 'Alasan', 'Reason', 'Perbaikan']);
    const raw = toRawRow(row(2, '7', "'3674011501800001", 'Siti', '15/01/1980', 'KETUA_RT', 'NIK_FORMAT', 'NIK harus 16 angka', 'A NIK is 16 digits', 'Periksa'), map);
    expect(raw).toEqual({ row: 2, values: { nik: "'3674011501800001", name: 'Siti', birthDate: '15/01/1980', segment: 'KETUA_RT' } });
  });

  it('needs a NIK column, and lists the headers it saw', () => {
    const attempt = () => mapColumns(header('Nama', 'Alamat', 'Nomor KK'));
    expect(attempt).toThrow(FileFormatError);
    try {
      attempt();
    } catch (error) {
      expect((error as FileFormatError).problem).toBe('NO_NIK_COLUMN');
      expect((error as Error).message).toContain('"Nama", "Alamat", "Nomor KK"');
    }
    expect(() => mapColumns(header())).toThrow(/NIK/);
  });

  it('masks NIKs when a data row was taken for the header', () => {
    try {
      mapColumns(header('3674011501800001', 'Siti'));
      expect.unreachable();
    } catch (error) {
      expect((error as FileFormatError).problem).toBe('NO_NIK_COLUMN');
      expect((error as Error).message).not.toMatch(/\d{16}/);
      expect((error as Error).message).toContain('3674********0001');
    }
  });

  it('refuses two columns for one field, naming both', () => {
    try {
      mapColumns(header('NIK', 'Nama', 'No HP', 'Telepon'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DuplicateColumnError);
      expect(error).toBeInstanceOf(FileFormatError);
      expect((error as DuplicateColumnError).problem).toBe('DUPLICATE_COLUMN');
      expect((error as DuplicateColumnError).field).toBe('phone');
      expect((error as DuplicateColumnError).headers).toEqual(['No HP', 'Telepon']);
      expect((error as Error).message).toContain('"No HP" (C)');
      expect((error as Error).message).toContain('"Telepon" (D)');
    }
    expect(() => mapColumns(header('NIK', 'No. KTP'))).toThrow(DuplicateColumnError);
  });
});

describe('toRawRow', () => {
  const map = mapColumns(header('NIK', 'Nama', 'Tanggal Lahir', 'JK', 'No HP', 'Catatan'));

  it('trims values and marks numeric cells', () => {
    const raw = toRawRow(row(5, ['3674011501800000', 'number'], '  Budi  Santoso ', ['1980-01-15', 'date'], 'L', ['81234567890', 'number'], 'x'), map);
    expect(raw).toEqual({
      row: 5,
      values: { nik: '3674011501800000', name: 'Budi  Santoso', birthDate: '1980-01-15', gender: 'L', phone: '81234567890' },
      numeric: ['nik', 'phone'],
    });
    expect(RawRosterRow.parse(raw)).toEqual(raw);
  });

  it('skips empty cells and missing trailing cells', () => {
    expect(toRawRow(row(6, '3674011501800001', ' ', ['', 'empty']), map)).toEqual({ row: 6, values: { nik: '3674011501800001' } });
  });

  it('returns undefined for a completely empty row', () => {
    expect(toRawRow(row(7, '', ' ', ['', 'empty']), map)).toBeUndefined();
    expect(toRawRow(row(8), map)).toBeUndefined();
  });

  it('keeps a row with data only in ignored columns, so the office hears about it', () => {
    expect(toRawRow(row(9, '', '', '', '', '', 'catatan saja'), map)).toEqual({ row: 9, values: {} });
  });

  it('cuts values to the 500 characters a raw row may carry', () => {
    const raw = toRawRow(row(10, '3674011501800001', 'a'.repeat(600)), map);
    expect(raw?.values.name).toHaveLength(500);
    expect(() => RawRosterRow.parse(raw)).not.toThrow();
  });
});

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
