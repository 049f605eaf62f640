import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { CsvDelimiter } from './csv-delimiter';
import { CsvWriter } from './csv-writer';
import type { RowWriter } from './row-writer';
import { XlsxWriter } from './xlsx-writer';

export type SpreadsheetFormat = 'csv' | 'xlsx';

/**
 * A RowWriter of the format asked for, into a file (created or replaced) or a stream such as an
 * HTTP response. CSV is `;`-separated unless told otherwise (csv-writer.ts); the sheet name only
 * matters to XLSX.
 */
export function openRowWriter(output: string | Writable, format: SpreadsheetFormat, sheetName: string, delimiter?: CsvDelimiter): RowWriter {
  const stream = typeof output === 'string' ? createWriteStream(output) : output;
  return format === 'xlsx' ? new XlsxWriter(stream, sheetName) : new CsvWriter(stream, delimiter);
}
