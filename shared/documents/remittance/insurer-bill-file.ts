import { lastDayOf } from '../../core/calendar/calendar';
import { BillDigest } from '../../core/remittance/bill-digest';
import { type ControlDifference, controlDifference } from '../../core/remittance/bill-controls';
import type { BillHeader, BillLine } from '../../core/remittance/insurer-bill';
import { FileFormatError } from '../spreadsheets/file-format-error';
import { readSpreadsheet } from '../spreadsheets/read-spreadsheet';
import type { SpreadsheetRow } from '../spreadsheets/spreadsheet-row';
import { cellText, kodeIuranCell, kpjCell, monthCell, nikCell, textCell, wholeNumberCell } from './bill-cells';
import { BILL_COLUMNS, BILL_HEADER_KEYS, type BillColumn, type BillHeaderKey, billColumnOf, billHeaderKeyOf } from './insurer-bill-format';

/**
 * Reads the insurer's bill file (layout: insurer-bill-format.ts), streaming: memory does not
 * grow with the number of lines. Every problem is a FileFormatError naming the row and field
 * and saying what to do; a problem in a line only shows when the iteration reaches it, so lines
 * are not final before the iteration has completed.
 */

/** A line and the spreadsheet row it came from (what the office sees in Excel), for messages. */
export interface BillFileLine {
  readonly row: number;
  readonly line: BillLine;
}

export interface InsurerBillFile<L> {
  readonly header: BillHeader;
  /** Each iteration reads the file afresh; break out of it to close the file early. */
  readonly lines: AsyncIterable<L>;
}

/** What streaming the whole file once found. */
export interface BillFileCheck {
  header: BillHeader;
  lines: number;
  /** Σ of the lines' amounts, integer rupiah. */
  total: number;
  /** BillDigest of the header and lines: the same for the same content as CSV or XLSX. */
  digest: string;
  /** Present when the lines do not add up to the header's control figures (bill-controls.ts). */
  controlDifference?: ControlDifference;
}

/** The header, then the lines with their spreadsheet rows. */
export async function readInsurerBillRows(file: string): Promise<InsurerBillFile<BillFileLine>> {
  const rows = readSpreadsheet(file);
  try {
    const { header } = await readBillStart(rows);
    return { header, lines: { [Symbol.asyncIterator]: () => billLines(file) } };
  } finally {
    // Only the header was needed: close the file; the lines open it again when iterated.
    await rows.return(undefined);
  }
}

/** The header, then the lines as the InsurerBilling port hands them on. */
export async function readInsurerBill(file: string): Promise<InsurerBillFile<BillLine>> {
  const { header, lines } = await readInsurerBillRows(file);
  return {
    header,
    lines: {
      async *[Symbol.asyncIterator]() {
        for await (const { line } of lines) yield line;
      },
    },
  };
}

/**
 * Streams the whole file once: its header, how many lines it has, their sum and the digest, and
 * how far they are from the header's control figures. A control mismatch is returned, not
 * thrown: the caller refuses the bill with the difference (describeControlDifference).
 */
export async function checkInsurerBill(file: string): Promise<BillFileCheck> {
  const { header, lines } = await readInsurerBillRows(file);
  const digest = new BillDigest(header);
  let count = 0;
  let total = 0;
  for await (const { line } of lines) {
    digest.addLine(line);
    count++;
    total += line.amount;
  }
  const difference = controlDifference(header, { people: count, amount: total });
  return { header, lines: count, total, digest: digest.hex(), ...(difference && { controlDifference: difference }) };
}

/** Where each column is (0-based cell index) and how the file titles it. */
type ColumnPlaces = { readonly [C in BillColumn]: { readonly index: number; readonly title: string } };

interface BillStart {
  readonly header: BillHeader;
  readonly columns: ColumnPlaces;
}

async function* billLines(file: string): AsyncGenerator<BillFileLine> {
  const rows = readSpreadsheet(file);
  try {
    const { header, columns } = await readBillStart(rows);
    // parseNik reads the century of a birth year against a date: the bill's month will do.
    const referenceDate = lastDayOf(header.month);
    let line = 0;
    for await (const row of rows) {
      line++;
      const cell = (column: BillColumn) => row.cells[columns[column].index];
      const place = (column: BillColumn) => ({ problem: 'BILL_LINE' as const, where: `Row ${row.rowNumber}, column ${columns[column].title}` });
      const kpj = kpjCell(cell('kpj'), place('kpj'));
      yield {
        row: row.rowNumber,
        line: {
          line,
          ...(kpj !== undefined && { kpj }),
          nik: nikCell(cell('nik'), place('nik'), referenceDate),
          name: textCell(cell('name'), place('name'), 200),
          segment: textCell(cell('segment'), place('segment'), 80),
          month: monthCell(cell('month'), place('month')),
          amount: wholeNumberCell(cell('amount'), place('amount'), 'a whole number of rupiah (such as 16800 or Rp16.800)'),
        },
      };
    }
  } finally {
    await rows.return(undefined);
  }
}

/**
 * Reads the key/value rows up to and including the column header row, leaving `rows` at the
 * first line. Keys it does not know are skipped; a known key given twice is refused rather than
 * one of them picked.
 */
async function readBillStart(rows: AsyncIterator<SpreadsheetRow>): Promise<BillStart> {
  const found: Partial<Record<BillHeaderKey, { row: number; value: string | number }>> = {};
  for (let next = await nextRow(rows); !next.done; next = await nextRow(rows)) {
    const row = next.value;
    if (isColumnHeaderRow(row)) return { header: completeHeader(found, row.rowNumber), columns: columnPlaces(row) };
    const title = cellText(row.cells[0]);
    const key = billHeaderKeyOf(title);
    if (key === undefined) continue;
    const earlier = found[key];
    if (earlier) {
      throw new FileFormatError(
        'BILL_HEADER',
        `Row ${row.rowNumber}: ${title} is given a second time (first in row ${earlier.row}), so it is not clear which is meant — correct the file or ask the BPJS branch for a corrected bill.`,
      );
    }
    found[key] = { row: row.rowNumber, value: headerValue(key, row, title) };
  }
  throw new FileFormatError(
    'BILL_COLUMNS',
    `The file has no column header row: no row names both a NIK and a KPJ column. A bill lists ${labels(Object.values(BILL_COLUMNS))} as columns, ` +
      'below its header rows — check that this is the insurer\'s bill, or ask the BPJS branch for it again.',
  );
}

/** readSpreadsheet words an empty file for a roster; a bill's office is told in a bill's words. */
async function nextRow(rows: AsyncIterator<SpreadsheetRow>): Promise<IteratorResult<SpreadsheetRow>> {
  try {
    return await rows.next();
  } catch (error) {
    if (error instanceof FileFormatError && error.problem === 'EMPTY_FILE') {
      throw new FileFormatError('EMPTY_FILE', 'The bill file is empty (or the first worksheet of the workbook is) — ask the BPJS branch for the bill again.');
    }
    throw error;
  }
}

function headerValue(key: BillHeaderKey, row: SpreadsheetRow, title: string): string | number {
  const cell = row.cells[1];
  const place = { problem: 'BILL_HEADER' as const, where: `Row ${row.rowNumber}, ${title}` };
  switch (key) {
    case 'kodeIuran':
      return kodeIuranCell(cell, place);
    case 'month':
      return monthCell(cell, place);
    case 'controlCount':
      return wholeNumberCell(cell, place, 'the whole number of people the bill lists');
    case 'controlTotal':
      return wholeNumberCell(cell, place, 'the whole number of rupiah the bill adds up to (such as 217190400 or Rp217.190.400)');
  }
}

function completeHeader(found: Partial<Record<BillHeaderKey, { value: string | number }>>, columnRow: number): BillHeader {
  const missing = (Object.keys(BILL_HEADER_KEYS) as BillHeaderKey[]).filter((key) => found[key] === undefined);
  if (missing.length > 0) {
    throw new FileFormatError(
      'BILL_HEADER',
      `The bill has no ${labels(missing.map((key) => BILL_HEADER_KEYS[key]))} above its columns (row ${columnRow}). ` +
        `A bill starts with the rows ${labels(Object.values(BILL_HEADER_KEYS))}, each name in column A and its value in column B — ` +
        'correct the file or ask the BPJS branch for a corrected bill.',
    );
  }
  return {
    kodeIuran: found.kodeIuran!.value as string,
    month: found.month!.value as string,
    controlCount: found.controlCount!.value as number,
    controlTotal: found.controlTotal!.value as number,
  };
}

function isColumnHeaderRow(row: SpreadsheetRow): boolean {
  let nik = false;
  let kpj = false;
  for (const cell of row.cells) {
    const column = billColumnOf(cellText(cell));
    nik ||= column === 'nik';
    kpj ||= column === 'kpj';
  }
  return nik && kpj;
}

function columnPlaces(row: SpreadsheetRow): ColumnPlaces {
  const places: Partial<Record<BillColumn, { index: number; title: string }>> = {};
  row.cells.forEach((cell, index) => {
    const title = cellText(cell);
    const column = billColumnOf(title);
    if (column === undefined) return;
    const other = places[column];
    if (other) {
      throw new FileFormatError(
        'DUPLICATE_COLUMN',
        `Row ${row.rowNumber}: columns "${other.title}" and "${title}" both read as ${BILL_COLUMNS[column].label}, so it is not clear which is meant — delete or rename one of them.`,
      );
    }
    places[column] = { index, title };
  });
  const missing = (Object.keys(BILL_COLUMNS) as BillColumn[]).filter((column) => places[column] === undefined);
  if (missing.length > 0) {
    throw new FileFormatError(
      'BILL_COLUMNS',
      `Row ${row.rowNumber}: the bill has no ${labels(missing.map((column) => BILL_COLUMNS[column]))} column. ` +
        `A bill's lines have the columns ${labels(Object.values(BILL_COLUMNS))} — correct the file or ask the BPJS branch for a corrected bill.`,
    );
  }
  return places as ColumnPlaces;
}

/** `"Kode Iuran", "Bulan" and "Jumlah Iuran"`. */
function labels(fields: readonly { label: string }[]): string {
  const quoted = fields.map((field) => `"${field.label}"`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
