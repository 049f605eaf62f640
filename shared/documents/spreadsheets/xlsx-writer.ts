import type { Writable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import { isoDateToExcelSerial } from '../../lib/excel-date';
import { columnLetters, MAX_COLUMNS } from './cell-reference';
import { escapeOoxmlText } from './ooxml-string-escape';
import type { RowWriter } from './row-writer';
import type { SheetCell } from './sheet-cell';
import { WritableOutput } from './writable-output';
import { escapeXml } from './xml-escape';
import { MAIN_NS, PACKAGE_RELATIONSHIPS_XML, RELATIONSHIP_NS, XML_DECLARATION, contentTypesXml, workbookRelationshipsXml } from './xlsx-package';

/** Excel's last row: a sheet with more does not open. */
export const MAX_XLSX_ROWS = 1_048_576;

/** Sheet XML is handed to the deflater in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

/**
 * Cell styles in styles.xml below: 1 = text format (`@`), 2 = the same in bold, for the header,
 * 3 = a count (`#,##0`), 4 = rupiah (`"Rp"#,##0`), 5 = a date (`dd/mm/yyyy`).
 */
const TEXT_STYLE = 1;
const HEADER_STYLE = 2;
const COUNT_STYLE = 3;
const RUPIAH_STYLE = 4;
const DATE_STYLE = 5;
const COLUMN_WIDTH = 20;

/**
 * Writes an .xlsx workbook with one worksheet, streaming: rows become sheet XML that goes through
 * fflate's ZipDeflate in pieces and out to `output` as compressed ZIP chunks, waiting whenever the
 * output is full, so memory stays flat for a million rows.
 *
 * Text cells are inline strings (`t="inlineStr"`), so no shared-string table has to be built in
 * memory, and a NIK stays text rather than becoming a number that loses digits. They are also
 * styled as Text (`@`), so a value the office retypes while fixing the report stays text too.
 * Unlike in CSV, text is not formula-escaped: an inline string is never a formula (only an `<f>`
 * element is), and a `'` put before `=`, `+` or `-` would show in the cell and go back into the
 * roster when the office imports the report again. Numbers (sheet-cell.ts) are numeric cells with
 * a thousands format, so SUM works; dates are date serials. The first row is the header: bold,
 * and frozen so it stays in view.
 */
export class XlsxWriter implements RowWriter {
  private readonly output: WritableOutput;
  private readonly zip: Zip;
  private readonly sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  private readonly encoder = new TextEncoder();
  /** Settles once fflate has emitted the last byte of the ZIP (or failed). */
  private readonly zipEnded: Promise<void>;
  private failure: Error | undefined;
  private xml = '';
  private rows = 0;
  private readonly columnNames: string[] = [];

  constructor(
    output: Writable,
    private readonly sheetName: string,
  ) {
    this.output = new WritableOutput(output);
    let resolveZipEnded: () => void = () => undefined;
    this.zipEnded = new Promise((resolve) => (resolveZipEnded = resolve));
    // fflate calls back synchronously while data is pushed: ZIP bytes go straight to the output.
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure = error;
      else this.output.writeNow(chunk);
      if (final || error) resolveZipEnded();
    });
  }

  async writeRow(cells: readonly SheetCell[]): Promise<void> {
    this.throwIfFailed();
    if (this.rows === MAX_XLSX_ROWS) throw new Error(`An .xlsx sheet holds at most ${MAX_XLSX_ROWS} rows.`);
    if (cells.length > MAX_COLUMNS) throw new Error(`An .xlsx sheet holds at most ${MAX_COLUMNS} columns.`);
    if (this.rows === 0) this.start(cells.length);
    this.rows++;
    this.xml += this.rowXml(this.rows, cells, this.rows === 1 ? HEADER_STYLE : TEXT_STYLE);
    if (this.xml.length >= PIECE_CHARS) this.pushXml(false);
    await this.output.drained();
  }

  async close(): Promise<void> {
    this.throwIfFailed();
    if (this.rows === 0) this.start(0);
    this.xml += '</sheetData></worksheet>';
    this.pushXml(true);
    this.zip.end();
    await this.zipEnded;
    this.throwIfFailed();
    await this.output.end();
  }

  /** Adds the small fixed parts, then opens the worksheet, whose columns the header decides. */
  private start(columns: number): void {
    const parts: [string, string][] = [
      ['[Content_Types].xml', contentTypesXml(1)],
      ['_rels/.rels', PACKAGE_RELATIONSHIPS_XML],
      ['xl/workbook.xml', workbookXml(excelSheetName(this.sheetName))],
      ['xl/_rels/workbook.xml.rels', workbookRelationshipsXml(1)],
      ['xl/styles.xml', STYLES],
    ];
    for (const [name, content] of parts) {
      const part = new ZipDeflate(name, { level: 6 });
      this.zip.add(part);
      part.push(this.encoder.encode(content), true);
    }
    // Added last: fflate writes parts in the order added, and this one streams until close().
    this.zip.add(this.sheet);
    this.xml = XML_DECLARATION + `<worksheet xmlns="${MAIN_NS}">`;
    if (columns > 0) {
      this.xml +=
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
        `<cols><col min="1" max="${columns}" width="${COLUMN_WIDTH}" style="${TEXT_STYLE}" customWidth="1"/></cols>`;
    }
    this.xml += '<sheetData>';
  }

  private rowXml(rowNumber: number, cells: readonly SheetCell[], textStyle: number): string {
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < cells.length; i++) xml += cellXml(`${this.columnName(i)}${rowNumber}`, cells[i] ?? '', textStyle);
    return xml + '</row>';
  }

  private columnName(index: number): string {
    while (this.columnNames.length <= index) this.columnNames.push(columnLetters(this.columnNames.length));
    return this.columnNames[index]!;
  }

  private pushXml(final: boolean): void {
    this.sheet.push(this.encoder.encode(this.xml), final);
    this.xml = '';
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
    this.output.throwIfFailed();
  }
}

function cellXml(reference: string, cell: SheetCell, textStyle: number): string {
  if (typeof cell === 'string') {
    return cell === ''
      ? `<c r="${reference}" s="${textStyle}"/>`
      : `<c r="${reference}" s="${textStyle}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(escapeOoxmlText(cell))}</t></is></c>`;
  }
  if (typeof cell === 'number') return numberXml(reference, cell, COUNT_STYLE);
  if ('rupiah' in cell) return numberXml(reference, cell.rupiah, RUPIAH_STYLE);
  const serial = isoDateToExcelSerial(cell.date);
  // A date Excel cannot show (before 1900) stays the text it was.
  return serial === undefined ? cellXml(reference, cell.date, textStyle) : numberXml(reference, serial, DATE_STYLE);
}

/** No `t` attribute: the cell is a number. */
function numberXml(reference: string, value: number, style: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a number a spreadsheet can hold`);
  return `<c r="${reference}" s="${style}"><v>${value}</v></c>`;
}

/**
 * A name Excel accepts for a sheet: at most 31 characters, none of `: \ / ? * [ ]`, not starting
 * or ending with `'`. Anything else would make Excel "repair" (and rename) the file on opening.
 */
export function excelSheetName(name: string): string {
  const cleaned = Array.from(name.replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').trim())
    .slice(0, 31)
    .join('')
    .trim();
  return cleaned === '' ? 'Sheet1' : cleaned;
}

function workbookXml(sheetName: string): string {
  return (
    XML_DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>'
  );
}

/**
 * The least styles.xml Excel accepts (two fills are mandatory), plus the cell formats above.
 *
 * Number format codes are stored in the file in Excel's invariant (en-US) syntax, where `,`
 * groups thousands and `.` is the decimal point, whatever the locale of the office that opens
 * it: Excel in an Indonesian locale shows `#,##0` as `2.606.284.800`, with its own separators.
 * Writing the Indonesian-looking `#.##0` instead would be read as "a decimal point, then three
 * decimals" and show amounts wrongly. The count format is the built-in 3 (`#,##0`); rupiah and
 * the date are custom (ids from 164 on, as custom formats must be). `dd/mm/yyyy` is the day-first
 * order Indonesian offices write, and what the roster reader reads most easily.
 */
const STYLES =
  XML_DECLARATION +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;Rp&quot;#,##0"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
