import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { uploadRoster } from '../../cli/roster-upload';
import type { ImportStatus } from '../../shared/api/roster-schemas';
import { ROSTER_HEADER } from '../../scripts/lib/synthetic-roster';
import { columnLetters } from '../../shared/documents/spreadsheets/cell-reference';
import { escapeXml } from '../../shared/documents/spreadsheets/xml-escape';
import { makeXlsx } from '../spreadsheets/helpers';
import { tokenFor } from './api';

/** A roster CSV in a fresh temp folder, `;`-separated as Indonesian-locale Excel writes it. */
export function rosterCsv(rows: readonly (readonly string[])[], header: readonly string[] = ROSTER_HEADER): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-roster-')), 'roster.csv');
  writeFileSync(file, [header, ...rows].map((cells) => cells.join(';')).join('\r\n'));
  return file;
}

/** Imports a roster file through the API as `lindung roster import` does, as an admin. */
export async function importRoster(
  regulationId: string,
  file: string,
  options: { segment?: string; coverageStart?: string; resume?: string; updateIdentities?: boolean; region?: string } = {},
): Promise<ImportStatus> {
  const { region, ...upload } = options;
  return uploadRoster(
    { api: inject('apiUrl'), token: await tokenFor('admin', 'ani', region) },
    { regulationId, file, coverageStart: options.coverageStart ?? '2027-01-01', ...upload },
    { phase: () => ({ update: () => undefined, stop: () => undefined }) },
  );
}

/**
 * A valid NIK of Kota Tangerang Selatan for a birth date, gender and serial: 3674 + district
 * (01 unless given) + DDMMYY (day + 40 for women) + serial. A person is on one roster a year across
 * the whole suite's stack, so a test that writes many people gives them a district of its own:
 * the synthetic rosters take district 01 for serials up to 9,999, 02 up to 19,998, and so on.
 */
export function tangselNik(birthDate: string, gender: 'L' | 'P', serial: number, district = '01'): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  const dd = String(Number(day) + (gender === 'P' ? 40 : 0)).padStart(2, '0');
  return `3674${district}${dd}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/** A roster row in the order of ROSTER_HEADER. */
export function personRow(nik: string, name: string, birthDate: string, gender: 'L' | 'P', segment: string): string[] {
  const [year, month, day] = birthDate.split('-');
  return [nik, name, `${day}/${month}/${year}`, gender, 'Jl. Merpati No. 1 RT 001 RW 002', 'Pondok Aren', 'Pondok Aren', '081234567890', segment];
}

/** The title block of officeRosterXlsx: rows 1 and 2, each merged across the table; row 3 is blank. */
export const OFFICE_TITLE = ['DAFTAR NAMA KETUA RT DAN KADER KESEHATAN PENERIMA BANTUAN IURAN', 'KOTA TANGERANG SELATAN TAHUN 2027'];
export const OFFICE_HEADER_ROW = 4;

/**
 * A roster as an office keeps it in Excel: a title block (OFFICE_TITLE), the header on row 4 with
 * a "No." column before ROSTER_HEADER's, people numbered from row 5, each run of people of one
 * segment naming it once in a cell merged down the run, and a JUMLAH row merged across the first
 * columns. `people` are in ROSTER_HEADER's order; written as inline strings, so of any number.
 */
export function officeRosterXlsx(file: string, people: Iterable<readonly string[]>): string {
  const header = ['No.', ...ROSTER_HEADER];
  const segmentColumn = header.length - 1;
  const last = columnLetters(segmentColumn);
  const merges = [`A1:${last}1`, `A2:${last}2`];
  const rows = [textRow(1, [OFFICE_TITLE[0]!]), textRow(2, [OFFICE_TITLE[1]!]), textRow(OFFICE_HEADER_ROW, header)];
  let rowNumber = OFFICE_HEADER_ROW;
  let run: { segment: string; from: number } | undefined;
  const closeRun = () => {
    if (run && rowNumber > run.from) merges.push(`${last}${run.from}:${last}${rowNumber}`);
  };
  for (const person of people) {
    const segment = person[segmentColumn - 1]!;
    const startsRun = run?.segment !== segment;
    if (startsRun) closeRun();
    rowNumber++;
    if (startsRun) run = { segment, from: rowNumber };
    // Excel keeps a merged range's value in its top-left cell only.
    rows.push(textRow(rowNumber, [String(rowNumber - OFFICE_HEADER_ROW), ...person.slice(0, -1), ...(startsRun ? [segment] : [])]));
  }
  closeRun();
  rowNumber++;
  rows.push(textRow(rowNumber, ['JUMLAH', '', String(rowNumber - OFFICE_HEADER_ROW - 1)]));
  merges.push(`A${rowNumber}:B${rowNumber}`);
  return makeXlsx(file, {
    parts: {
      'xl/worksheets/sheet1.xml':
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        `<sheetData>${rows.join('')}</sheetData>` +
        `<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>` +
        '</worksheet>',
    },
  });
}

/** A sheet row of inline strings (empty texts leave their cell out). */
export function textRow(rowNumber: number, texts: readonly string[]): string {
  const cells = texts.map((text, i) =>
    text === '' ? '' : `<c r="${columnLetters(i)}${rowNumber}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`,
  );
  return `<row r="${rowNumber}">${cells.join('')}</row>`;
}
