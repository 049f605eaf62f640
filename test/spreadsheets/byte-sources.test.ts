import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROSTER_HEADER } from '../../scripts/lib/synthetic-roster';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { readRosterFile } from '../../shared/documents/roster-file/read-roster-file';
import { readRosterSource } from '../../shared/documents/roster-file/read-roster-source';
import type { RosterHeader } from '../../shared/documents/roster-file/roster-header';
import { blobByteSource } from '../../shared/documents/spreadsheets/byte-source';
import { FileFormatError } from '../../shared/documents/spreadsheets/file-format-error';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { readSpreadsheetSource } from '../../shared/documents/spreadsheets/spreadsheet-rows';
import type { SpreadsheetRow } from '../../shared/documents/spreadsheets/spreadsheet-row';
import { OFFICE_HEADER_ROW, officeRosterXlsx, personRow, tangselNik } from '../support/roster-files';
import { repeatedPart, SHEET_END, SHEET_START, writeWorkbookWithSheet } from './bomb-files';
import { scratchDir } from './helpers';

/**
 * The console reads a roster from a browser `File` (blobByteSource: slices of the blob, parts
 * inflated by fflate), the CLI from a file on disk (zlib): the same readers must find the same
 * rows, header and problems in both. Node has `File` and `Blob`, so both run here.
 */

const file = scratchDir();

function asFile(path: string, name = 'roster.xlsx'): File {
  return new File([readFileSync(path)], name);
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** 3,000 people of three segments, each segment's name in one cell merged down its run, under a title block. */
function officeWorkbook(): string {
  const segments = ['KETUA_RT', 'KETUA_RW', 'KADER_KESEHATAN'];
  const people = Array.from({ length: 3_000 }, (_, i) => {
    const birthDate = `19${70 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const gender = i % 2 ? 'P' : 'L';
    return personRow(tangselNik(birthDate, gender, 1 + Math.floor(i / 2100)), `Warga ${i} "Ayu" & Co`, birthDate, gender, segments[Math.floor(i / 1_000)]!);
  });
  return officeRosterXlsx(file('office.xlsx'), people);
}

async function rosterThrough(read: (onHeader: (header: RosterHeader) => void) => AsyncIterable<RawRosterRow>): Promise<{ header?: RosterHeader; rows: RawRosterRow[] }> {
  let header: RosterHeader | undefined;
  const rows = await collect(read((found) => (header = found)));
  return { ...(header ? { header } : {}), rows };
}

async function errorOf(rows: AsyncIterable<unknown>): Promise<FileFormatError> {
  try {
    await collect(rows);
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error('read without error');
}

describe('a browser File is read as the file on disk is', () => {
  it('an office workbook: the same header below its title, the same people with their merged segments', async () => {
    const path = officeWorkbook();
    const fromDisk = await rosterThrough((onHeader) => readRosterFile(path, onHeader));
    const fromBlob = await rosterThrough((onHeader) => readRosterSource(blobByteSource(asFile(path)), onHeader));
    expect(fromDisk.rows).toHaveLength(3_000);
    expect(fromDisk.header?.row.rowNumber).toBe(OFFICE_HEADER_ROW);
    // The merged segment cell reaches every row of its run, on both paths.
    expect(fromDisk.rows.map((row) => row.values.segment)).toEqual([...Array(1_000).fill('KETUA_RT'), ...Array(1_000).fill('KETUA_RW'), ...Array(1_000).fill('KADER_KESEHATAN')]);
    expect(fromBlob).toEqual(fromDisk);
  });

  it('a CSV, its rows split across the chunks of the stream', async () => {
    const path = file('roster.csv');
    const lines = [ROSTER_HEADER.join(';'), ...Array.from({ length: 5_000 }, (_, i) => `3674${String(i).padStart(12, '0')};"Nama; ""${i}""\nbaris dua";01/02/1980;L;;;;;KETUA_RT`)];
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}`);
    const fromDisk = await collect(readSpreadsheet(path));
    const fromBlob = await collect<SpreadsheetRow>(readSpreadsheetSource(blobByteSource(asFile(path, 'roster.csv'))));
    expect(fromDisk).toHaveLength(5_001);
    expect(fromDisk[1]?.cells[1]?.text).toBe('Nama; "0"\nbaris dua');
    expect(fromBlob).toEqual(fromDisk);
  });

  it('the same problems: a truncated workbook, a CSV not in UTF-8', async () => {
    const truncated = file('truncated.xlsx');
    writeFileSync(truncated, readFileSync(officeWorkbook()).subarray(0, 300));
    const diskError = await errorOf(readSpreadsheet(truncated));
    expect(diskError.problem).toBe('MALFORMED_XLSX');
    expect((await errorOf(readSpreadsheetSource(blobByteSource(asFile(truncated))))).message).toBe(diskError.message);

    const latin1 = file('latin1.csv');
    writeFileSync(latin1, Buffer.from('NIK;Nama\n3674015001900001;Siti\n3674015001900002;Jos\xe9\n', 'latin1'));
    const latin1Error = await errorOf(readSpreadsheet(latin1));
    expect(latin1Error.message).toMatch(/^Row 3 contains characters that are not UTF-8/);
    expect((await errorOf(readSpreadsheetSource(blobByteSource(asFile(latin1, 'latin1.csv'))))).message).toBe(latin1Error.message);
  });

  it('a bomb that lies about its size is stopped by fflate on the blob path too', async () => {
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const megabyte = 1024 * 1024;
    const sheet = repeatedPart(SHEET_START, row.repeat(Math.floor(megabyte / row.length)), 200, SHEET_END);
    const bomb = writeWorkbookWithSheet(file('lying.xlsx'), { ...sheet, size: megabyte });
    const error = await errorOf(readSpreadsheetSource(blobByteSource(asFile(bomb))));
    expect(error.problem).toBe('MALFORMED_XLSX');
    expect(error.message).toContain('too many bytes in the stream');
    const ratio = await errorOf(readSpreadsheetSource(blobByteSource(asFile(writeWorkbookWithSheet(file('ratio.xlsx'), sheet)))));
    expect(ratio.problem).toBe('INFLATES_TOO_MUCH');
  });
});
