import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { strToU8, zipSync } from 'fflate';
import { afterAll } from 'vitest';
import { FileFormatError } from '../../shared/documents/spreadsheets/file-format-error';
import { readSpreadsheet, type ReadSpreadsheetOptions } from '../../shared/documents/spreadsheets/read-spreadsheet';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** A scratch directory for the calling test file, removed when its tests are done. */
export function scratchDir(): (name: string) => string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-spreadsheets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => path.join(dir, name);
}

export function writeBytes(filePath: string, content: string | Uint8Array | readonly number[]): string {
  writeFileSync(filePath, typeof content === 'string' ? content : Buffer.from(content as Uint8Array));
  return filePath;
}

/** Rows as `[rowNumber, ['kind:text', ...]]`, compact enough to compare whole files in one expect. */
export async function readRows(filePath: string, options?: ReadSpreadsheetOptions): Promise<[number, string[]][]> {
  const rows: [number, string[]][] = [];
  for await (const row of readSpreadsheet(filePath, options)) rows.push([row.rowNumber, row.cells.map((c) => `${c.kind}:${c.text}`)]);
  return rows;
}

/** Rows as plain text arrays, trailing empty cells dropped. */
export async function readTexts(filePath: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readSpreadsheet(filePath)) {
    const texts = row.cells.map((c) => c.text);
    while (texts.length > 0 && texts.at(-1) === '') texts.pop();
    rows.push(texts);
  }
  return rows;
}

/** The FileFormatError reading the file throws (fails the test if it reads fine or throws something else). */
export async function readError(filePath: string, options?: ReadSpreadsheetOptions): Promise<FileFormatError> {
  try {
    await readRows(filePath, options);
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error(`${path.basename(filePath)} was read without error`);
}

const WORKBOOK_RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
  '</Relationships>';

/**
 * A hand-made .xlsx for cases LibreOffice does not write (booleans, inline strings, prefixed
 * elements, missing references, damage). `sheetData` is the inside of `<sheetData>`; any part can
 * be replaced or removed (undefined) through `parts`.
 */
export function makeXlsx(filePath: string, options: XlsxPartOptions): string {
  const files = Object.fromEntries(
    Object.entries(xlsxParts(options))
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, content]) => [name, strToU8(content)]),
  );
  writeFileSync(filePath, zipSync(files));
  return filePath;
}

export interface XlsxPartOptions {
  sheetData?: string;
  sharedStrings?: string[];
  styles?: string;
  workbookPr?: string;
  parts?: Record<string, string | undefined>;
}

/** The parts of makeXlsx's workbook by name (undefined: left out). */
export function xlsxParts(options: XlsxPartOptions): Record<string, string | undefined> {
  const sst = (options.sharedStrings ?? []).map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('');
  const parts: Record<string, string | undefined> = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `${options.workbookPr ?? ''}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
    'xl/styles.xml': `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${options.styles ?? ''}</styleSheet>`,
    'xl/sharedStrings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sst}</sst>`,
    'xl/worksheets/sheet1.xml':
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${options.sheetData ?? ''}</sheetData></worksheet>`,
    ...options.parts,
  };
  return parts;
}

/** Whether this process has the file open (Linux: looks through /proc/self/fd). */
export function isOpen(filePath: string): boolean {
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === filePath;
    } catch {
      return false; // closed while we looked
    }
  });
}

/** A full garbage collection, so heap measurements show what is retained rather than garbage not yet collected. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
