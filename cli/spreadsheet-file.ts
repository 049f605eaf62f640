import { createWriteStream } from 'node:fs';
import type { CsvDelimiter } from '../shared/documents/spreadsheets/csv-delimiter';
import { openRowWriter, type SpreadsheetFormat } from '../shared/documents/spreadsheets/open-row-writer';
import type { RowWriter } from '../shared/documents/spreadsheets/row-writer';
import { UsageError } from './usage-error';

/** What `--delimiter` takes; `tab` because a tab cannot be typed into a shell argument as is. */
const DELIMITERS: Readonly<Record<string, CsvDelimiter>> = { ',': ',', ';': ';', tab: '\t' };

/** The `--delimiter` option of a command that writes CSV: `.option(...DELIMITER_OPTION)`. */
export const DELIMITER_OPTION = ['--delimiter <char>', 'for a .csv: , or ; or tab (default ;, which Excel in an Indonesian locale opens in columns)'] as const;

/** `--delimiter` as a CSV delimiter; absent, the writers' default `;`. */
export function csvDelimiter(text: string | undefined): CsvDelimiter | undefined {
  if (text === undefined) return undefined;
  const delimiter = DELIMITERS[text.toLowerCase()];
  if (!delimiter) throw new UsageError(`--delimiter must be , or ; or tab (got ${text}).`);
  return delimiter;
}

/** The format a file name asks for, refused with `what` ("the report") named when it is neither. */
export function spreadsheetFormat(output: string, what: string): SpreadsheetFormat {
  const lower = output.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  throw new UsageError(`Name ${what} .csv or .xlsx (got ${output}).`);
}

/**
 * A .csv or .xlsx file to write rows to, by its name. The delimiter is read before the file is
 * created, so a wrong option leaves no empty file behind.
 */
export function openSpreadsheetFile(output: string, what: string, sheetName: string, delimiterOption: string | undefined): RowWriter {
  const format = spreadsheetFormat(output, what);
  const delimiter = csvDelimiter(delimiterOption);
  return openRowWriter(createWriteStream(output), format, sheetName, delimiter);
}
