import { columnIndexOf, MAX_COLUMNS } from './cell-reference';
import { excelSerialToIsoDate } from '../../lib/excel-date';
import { FileFormatError } from './file-format-error';
import { unescapeOoxmlText } from './ooxml-string-escape';
import type { Cell, SpreadsheetRow } from './spreadsheet-row';
import { CellTooLongError, MAX_CELL_CHARS, MAX_SPREADSHEET_ROWS, MAX_XML_TEXT_RUN_CHARS, tooManyRows } from './spreadsheet-limits';
import type { ByteSource } from './byte-source';
import { readDateStyles } from './xlsx-date-styles';
import { MAX_SHARED_STRINGS_XML_BYTES, readSharedStrings } from './xlsx-shared-strings';
import { MergedCellTracker, readMergedRanges } from './xlsx-merged-cells';
import { locateWorkbookParts } from './xlsx-workbook';
import { streamXml, type XmlHandlers } from './xml-stream';
import { ZipArchive } from './zip-archive';

const EMPTY_CELL: Cell = { text: '', kind: 'empty' };

interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

/**
 * Streams the rows of the first worksheet of an .xlsx file: the sheet XML is inflated and parsed
 * a chunk at a time and never held whole. What is held: the shared-string table (see
 * readSharedStrings: it grows with the number of unique strings), one flag per cell style, and
 * the sheet's merged ranges when asked for.
 *
 * Cells keep the kind Excel gave them; numbers keep the text written in the file (a NIK typed as
 * a number reads `3674015001900000`, its last digit already lost), and numbers in a date style
 * become `YYYY-MM-DD`. Rows and cells are placed by their `r` references, so row numbers match
 * Excel's and a skipped column is an `empty` cell. Cells without a value (formatting only) are
 * not placed, so a row ends at its last value. Once `wantsMergedCells` says so, a row under a
 * merged range says what the range shows (`merged`), from the sheet's `<mergeCells>` read in a
 * second pass alongside this one (xlsx-merged-cells.ts).
 */
export async function* xlsxRows(source: ByteSource, wantsMergedCells?: () => boolean): AsyncGenerator<SpreadsheetRow> {
  try {
    const archive = await ZipArchive.open(source);
    const parts = await locateWorkbookParts(archive);
    const dateStyles = parts.stylesPath && archive.has(parts.stylesPath) ? await readDateStyles(archive.read(parts.stylesPath)) : [];
    const sharedStrings = await loadSharedStrings(archive, parts.sharedStringsPath);
    if (!archive.has(parts.sheetPath)) throw new Error(`the part ${parts.sheetPath} is missing`);

    const sheet = new SheetRowCollector({ sharedStrings, dateStyles, date1904: parts.date1904 });
    let merged: MergedCellTracker | undefined;
    for await (const _ of streamXml(archive.read(parts.sheetPath), sheet)) {
      for (const row of sheet.takeRows()) {
        if (!merged && wantsMergedCells?.()) merged = new MergedCellTracker(await readMergedRanges(archive.read(parts.sheetPath)), row.rowNumber);
        yield merged ? merged.cover(row) : row;
      }
    }
  } catch (error) {
    throw error instanceof FileFormatError ? error : malformed(error);
  }
}

async function loadSharedStrings(archive: ZipArchive, partPath: string | undefined): Promise<readonly string[]> {
  if (!partPath || !archive.has(partPath)) return [];
  if ((archive.uncompressedSize(partPath) ?? 0) > MAX_SHARED_STRINGS_XML_BYTES) {
    throw new FileFormatError(
      'FILE_TOO_LARGE',
      'The workbook holds more distinct text than Lindung can read at once. Split the roster into several files and import each.',
    );
  }
  return readSharedStrings(archive.read(partPath));
}

/** Builds rows from the SAX events of a worksheet (`<sheetData><row><c><v>`). */
class SheetRowCollector implements XmlHandlers {
  private completed: SpreadsheetRow[] = [];
  private rowNumber = 0;
  private cells: Cell[] = [];
  private nextColumn = 0;
  /** The cell being read, from its `<c>` to its `</c>`. */
  private cell: { column: number; type: string; style: number; value: string; hasValue: boolean } | undefined;
  private collecting = false;
  private inInlineString = false;
  private phoneticDepth = 0;

  constructor(private readonly context: SheetContext) {}

  /** Rows completed since the last call. */
  takeRows(): readonly SpreadsheetRow[] {
    const rows = this.completed;
    this.completed = [];
    return rows;
  }

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    switch (name) {
      case 'row': {
        // `r` is optional in the format; without it a row follows the previous one.
        this.rowNumber = attributes.r === undefined ? this.rowNumber + 1 : Number(attributes.r);
        if (!Number.isSafeInteger(this.rowNumber) || this.rowNumber < 1) throw new Error(`invalid row number ${attributes.r}`);
        if (this.rowNumber > MAX_SPREADSHEET_ROWS) throw tooManyRows();
        this.cells = [];
        this.nextColumn = 0;
        break;
      }
      case 'c': {
        const column = attributes.r === undefined ? this.nextColumn : columnIndexOf(attributes.r);
        // Cells without references count on; past Excel's last column they are no cells of Excel's.
        if (column === undefined || column >= MAX_COLUMNS) throw new Error(`invalid cell reference ${attributes.r ?? `past column ${MAX_COLUMNS}`}`);
        this.cell = { column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: '', hasValue: false };
        break;
      }
      case 'v':
        this.startValue();
        break;
      case 'is':
        this.inInlineString = true;
        this.startValue();
        this.collecting = false; // only the <t> inside collects
        break;
      case 't':
        if (this.inInlineString && this.phoneticDepth === 0) this.collecting = true;
        break;
      case 'rPh':
        this.phoneticDepth++;
        break;
    }
  }

  text(text: string): void {
    if (!this.collecting || !this.cell) return;
    // Rich text arrives in runs, each a text of its own: the cell is bounded as it grows (as
    // written, escapes included; its text is held to MAX_CELL_CHARS once resolved).
    this.cell.value += text;
    if (this.cell.value.length > MAX_XML_TEXT_RUN_CHARS) throw new CellTooLongError(this.rowNumber, this.cell.column);
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = false;
        break;
      case 'rPh':
        this.phoneticDepth--;
        break;
      case 'is':
        this.inInlineString = false;
        break;
      case 'c':
        if (this.cell?.hasValue) {
          const cell = this.resolve(this.cell.type, this.cell.style, this.cell.value);
          if (cell.text.length > MAX_CELL_CHARS) throw new CellTooLongError(this.rowNumber, this.cell.column);
          this.place(this.cell.column, cell);
        }
        if (this.cell) this.nextColumn = this.cell.column + 1;
        this.cell = undefined;
        break;
      case 'row':
        if (this.cells.length > 0) this.completed.push({ rowNumber: this.rowNumber, cells: this.cells });
        this.cells = [];
        break;
    }
  }

  private startValue(): void {
    if (!this.cell) return;
    this.cell.hasValue = true;
    this.cell.value = '';
    this.collecting = true;
  }

  private place(column: number, cell: Cell): void {
    while (this.cells.length < column) this.cells.push(EMPTY_CELL);
    this.cells[column] = cell;
  }

  private resolve(type: string, style: number, value: string): Cell {
    switch (type) {
      case 's': {
        const text = this.context.sharedStrings[Number(value)];
        if (text === undefined) throw new Error(`a cell refers to shared string ${value}, which does not exist`);
        return textCell(text);
      }
      case 'inlineStr':
      case 'str':
        return textCell(unescapeOoxmlText(value));
      case 'e':
        return textCell(value); // an error value such as #N/A, shown as is
      case 'b':
        return { text: value.trim() === '1' || value.trim() === 'true' ? 'TRUE' : 'FALSE', kind: 'boolean' };
      case 'd': {
        // ISO 8601 date cells (rare: Excel writes them only in strict mode).
        const date = /^\d{4}-\d{2}-\d{2}/.exec(value.trim());
        return date ? { text: date[0], kind: 'date' } : textCell(value);
      }
      default: {
        const number = value.trim();
        if (number === '') return EMPTY_CELL;
        if (this.context.dateStyles[style]) {
          const date = excelSerialToIsoDate(Number(number), this.context.date1904);
          if (date) return { text: date, kind: 'date' };
        }
        return { text: number, kind: 'number' };
      }
    }
  }
}

function textCell(text: string): Cell {
  return text === '' ? EMPTY_CELL : { text, kind: 'text' };
}

function malformed(error: unknown): FileFormatError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new FileFormatError(
    'MALFORMED_XLSX',
    `The file looks like an Excel workbook (.xlsx) but it is damaged and cannot be read (${detail}). ` +
      'Open it in Excel, save it again as Excel Workbook (.xlsx) or as CSV UTF-8 (.csv), and import that file.',
  );
}
