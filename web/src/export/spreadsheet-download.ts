import type { Writable } from 'node:stream';
import { CsvWriter } from '../../../shared/documents/spreadsheets/csv-writer';
import type { RowWriter } from '../../../shared/documents/spreadsheets/row-writer';
import type { SheetCell } from '../../../shared/documents/spreadsheets/sheet-cell';
import { XlsxWriter } from '../../../shared/documents/spreadsheets/xlsx-writer';

/**
 * Exports from the console are written by the same CsvWriter and XlsxWriter as the CLI's files,
 * into memory instead of a file stream, then offered as a download. Counts are numbers and
 * amounts rupiahCell()s (sheet-cell.ts), so that SUM works on them: an .xlsx shows them in
 * Excel's thousands format, `12.928` and `Rp2.606.284.800` in an Indonesian Excel; a .csv
 * (`;`-separated, as Indonesian Excel opens it) has their plain digits.
 */

export type SpreadsheetFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The few members of a Node Writable that WritableOutput uses, collecting what is written. It
 * never fills up, so writers never wait for 'drain'.
 */
class MemoryWritable {
  readonly writableNeedDrain = false;
  private readonly chunks: BlobPart[] = [];

  on(): this {
    return this;
  }

  once(): this {
    return this;
  }

  write(chunk: string | Uint8Array): boolean {
    // Copied: fflate may reuse the buffer it hands over.
    this.chunks.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
    return true;
  }

  end(): void {}

  /** Everything is in memory once end() has been called. */
  finish(): Promise<void> {
    return Promise.resolve();
  }

  blob(type: string): Blob {
    return new Blob(this.chunks, { type });
  }
}

/** The rows (header first) as a CSV or XLSX file. */
export async function spreadsheetBlob(rows: readonly (readonly SheetCell[])[], format: SpreadsheetFormat, sheetName: string): Promise<Blob> {
  const output = new MemoryWritable();
  // A structural stand-in for a Node Writable: it has every member WritableOutput calls.
  const stream = output as unknown as Writable;
  const writer: RowWriter = format === 'xlsx' ? new XlsxWriter(stream, sheetName) : new CsvWriter(stream, ';');
  for (const row of rows) await writer.writeRow(row);
  await writer.close();
  return output.blob(CONTENT_TYPES[format]);
}

/** Offers a blob to the user as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadSpreadsheet(rows: readonly (readonly SheetCell[])[], format: SpreadsheetFormat, baseName: string, sheetName: string): Promise<void> {
  downloadBlob(await spreadsheetBlob(rows, format, sheetName), `${baseName}.${format}`);
}
