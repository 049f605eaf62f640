import type { Writable } from 'node:stream';
import type { BillHeader, BillLine } from '../../core/remittance/insurer-bill';
import { openRowWriter, type SpreadsheetFormat } from '../spreadsheets/open-row-writer';
import { rupiahCell, type SheetCell } from '../spreadsheets/sheet-cell';
import { BILL_COLUMN_ORDER, BILL_COLUMNS, BILL_HEADER_KEYS, type BillHeaderKey } from './insurer-bill-format';

export interface InsurerBillContent {
  readonly header: BillHeader;
  /** In file order; their `line` numbers are not written: a line's position is its number. */
  readonly lines: Iterable<BillLine> | AsyncIterable<BillLine>;
}

export interface WriteInsurerBillOptions {
  readonly format: SpreadsheetFormat;
  /**
   * Header rows after the four the bill needs, as the insurer adds them (`Nomor Wadah`,
   * `Tanggal Tagihan`); readers ignore them. Their keys must not be one of the four.
   */
  readonly extraHeader?: readonly (readonly [key: string, value: string])[];
}

const HEADER_ORDER: readonly BillHeaderKey[] = ['kodeIuran', 'month', 'controlCount', 'controlTotal'];
const WIDTH = BILL_COLUMN_ORDER.length;

/**
 * Writes a bill in the layout readInsurerBill reads (insurer-bill-format.ts), streaming the
 * lines: the local insurer simulator answers with it, and tests, the demo and benchmarks make
 * bills with it. As the insurer's own XLSX has them, the headcount and the amounts are numbers;
 * everything else is text (a NIK stays 16 digits, a kode iuran keeps its leading zeros). Header
 * rows are as wide as the lines, as strict CSV readers expect.
 */
export async function writeInsurerBill(output: string | Writable, bill: InsurerBillContent, options: WriteInsurerBillOptions): Promise<void> {
  const writer = openRowWriter(output, options.format, 'Tagihan');
  const padded = (cells: SheetCell[]) => [...cells, ...Array<string>(Math.max(0, WIDTH - cells.length)).fill('')];
  for (const key of HEADER_ORDER) await writer.writeRow(padded([BILL_HEADER_KEYS[key].label, headerCell(bill.header, key)]));
  for (const [key, value] of options.extraHeader ?? []) await writer.writeRow(padded([key, value]));
  await writer.writeRow(BILL_COLUMN_ORDER.map((column) => BILL_COLUMNS[column].label));
  for await (const line of bill.lines) {
    await writer.writeRow(BILL_COLUMN_ORDER.map((column) => (column === 'amount' ? rupiahCell(line.amount) : String(line[column] ?? ''))));
  }
  await writer.close();
}

function headerCell(header: BillHeader, key: BillHeaderKey): SheetCell {
  if (key === 'controlCount') return header.controlCount;
  if (key === 'controlTotal') return rupiahCell(header.controlTotal);
  return String(header[key]);
}
