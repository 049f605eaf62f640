import { createWriteStream } from 'node:fs';
import type { CsvDelimiter } from '../shared/documents/spreadsheets/csv-delimiter';
import { openRowWriter, type SpreadsheetFormat } from '../shared/documents/spreadsheets/open-row-writer';
import type { RowWriter } from '../shared/documents/spreadsheets/row-writer';
import { type CliText, t } from './messages';
import { UsageError } from './usage-error';

/** What `--delimiter` takes; `tab` because a tab cannot be typed into a shell argument as is. */
const DELIMITERS: Readonly<Record<string, CsvDelimiter>> = { ',': ',', ';': ';', tab: '\t' };

/** The `--delimiter` option of a command that writes CSV: `.option(...DELIMITER_OPTION)`. */
export const DELIMITER_OPTION = ['--delimiter <char>', t('untuk .csv: , atau ; atau tab (bawaan ;, yang dibuka Excel berbahasa Indonesia per kolom)')] as const;

/** `--delimiter` as a CSV delimiter; absent, the writers' default `;`. */
export function csvDelimiter(text: string | undefined): CsvDelimiter | undefined {
  if (text === undefined) return undefined;
  const delimiter = DELIMITERS[text.toLowerCase()];
  if (!delimiter) throw new UsageError(t('--delimiter harus , atau ; atau tab (diberikan {text}).', { text }));
  return delimiter;
}

/** The format a file name asks for, refused with `what` ("the report") named when it is neither. */
export function spreadsheetFormat(output: string, what: CliText): SpreadsheetFormat {
  const lower = output.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  throw new UsageError(t('Beri nama {what} berakhiran .csv atau .xlsx (diberikan {output}).', { what: t(what), output }));
}

/**
 * A .csv or .xlsx file to write rows to, by its name. The delimiter is read before the file is
 * created, so a wrong option leaves no empty file behind.
 */
export function openSpreadsheetFile(output: string, what: CliText, sheetName: string, delimiterOption: string | undefined): RowWriter {
  const format = spreadsheetFormat(output, what);
  const delimiter = csvDelimiter(delimiterOption);
  return openRowWriter(createWriteStream(output), format, sheetName, delimiter);
}
