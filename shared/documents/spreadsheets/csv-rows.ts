import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';
import type { CsvDelimiter } from './csv-delimiter';
import { FileFormatError } from './file-format-error';
import { findInvalidUtf8Row } from './invalid-utf8-row';
import { CellTooLongError, MAX_CELL_CHARS } from './spreadsheet-limits';
import type { Cell, SpreadsheetRow } from './spreadsheet-row';

/**
 * A record longer than this is not a roster row: a cell far over MAX_CELL_CHARS, or a quote that
 * is never closed, which would otherwise swallow the rest of the file into one cell held in memory.
 */
const MAX_RECORD_CHARS = 1_000_000;

const EMPTY_CELL: Cell = { text: '', kind: 'empty' };

const SAVE_AS_CSV_UTF8 = 'In Excel choose Save As › "CSV UTF-8 (Comma delimited) (*.csv)" and import that file.';

/**
 * Streams the rows of a UTF-8 CSV file (with or without BOM) with csv-parse: quoted cells may hold
 * delimiters, doubled quotes and line breaks; lines may end in CRLF or LF. Memory stays flat
 * however long the file: bytes flow through in 64 KB chunks and rows are handed on one by one.
 *
 * Rows are numbered by their first physical line (the header is row 1), blank lines included, so
 * a rejection report can point the office at the right line. That is also Excel's row number,
 * unless an earlier quoted cell holds a line break: Excel shows such a record as one row. Every
 * cell is `text`, or `empty` for an empty string: CSV has no types.
 */
export async function* csvRows(filePath: string, delimiter: CsvDelimiter): AsyncGenerator<SpreadsheetRow> {
  let nextRowNumber = 1;
  const options: Options<SpreadsheetRow, string[]> = {
    delimiter,
    bom: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
    // Runs synchronously as each record is parsed, so `nextRowNumber` is always the row that the
    // parser is working on, also when it fails part-way through one.
    on_record: (fields: string[]): SpreadsheetRow => {
      for (let column = 0; column < fields.length; column++) {
        if (fields[column]!.length > MAX_CELL_CHARS) throw new CellTooLongError(nextRowNumber, column);
      }
      const row = { rowNumber: nextRowNumber, cells: fields.map(toCell) };
      nextRowNumber += 1 + fields.reduce((breaks, field) => breaks + lineBreaks(field), 0);
      return row;
    },
  };
  // csv-parse's overloads only type `on_record` results for parsers with named columns.
  const parser = parse(options as unknown as Options);
  const rows = pipeline(createReadStream(filePath), new Utf8Validator(), parser, () => {
    // Errors reach the loop below through the parser, which the pipeline destroys with them.
  });
  try {
    for await (const row of rows as AsyncIterable<SpreadsheetRow>) yield row;
  } catch (error) {
    if (error instanceof InvalidUtf8Error) throw await notUtf8(filePath);
    if (error instanceof CsvError) throw tooLongCell(error, nextRowNumber) ?? malformed(error, nextRowNumber);
    throw error;
  }
}

function toCell(field: string): Cell {
  return field === '' ? EMPTY_CELL : { text: field, kind: 'text' };
}

function lineBreaks(field: string): number {
  if (!field.includes('\n') && !field.includes('\r')) return 0;
  return field.match(/\r\n|\r|\n/g)?.length ?? 0;
}

class InvalidUtf8Error extends Error {}

/**
 * Passes bytes through untouched once a fatal, streaming TextDecoder accepts them (it carries a
 * character split across chunks over to the next one). csv-parse alone would quietly turn
 * Windows-1252 bytes into U+FFFD, and names would be stored garbled.
 */
class Utf8Validator extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      callback(new InvalidUtf8Error());
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      callback(new InvalidUtf8Error());
      return;
    }
    callback();
  }
}

async function notUtf8(filePath: string): Promise<FileFormatError> {
  const row = await findInvalidUtf8Row(filePath);
  const where = row === undefined ? 'The file' : `Row ${row}`;
  return new FileFormatError(
    'NOT_UTF8',
    `${where} contains characters that are not UTF-8: the file was probably saved as "CSV (Comma delimited)" in a local encoding. ${SAVE_AS_CSV_UTF8}`,
  );
}

/**
 * A record over MAX_RECORD_CHARS still on the line it started on is a cell too long, the one
 * being read (`column`). One that ran on over line breaks is left to malformed(): an unclosed
 * quote swallowing the lines after it.
 */
function tooLongCell(error: CsvError, row: number): CellTooLongError | undefined {
  const { lines, column } = error as CsvError & { lines?: number; column?: number | string | null };
  return error.code === 'CSV_MAX_RECORD_SIZE' && lines === row && typeof column === 'number' ? new CellTooLongError(row, column) : undefined;
}

function malformed(error: CsvError, row: number): FileFormatError {
  const problem =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `a cell opened with a quote (") is never closed`
      : error.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a quoted cell has characters after its closing quote'
        : error.code === 'INVALID_OPENING_QUOTE'
          ? 'a quote (") appears inside a cell that does not start with one'
          : error.code === 'CSV_MAX_RECORD_SIZE'
            ? `the row runs on over line breaks past ${MAX_RECORD_CHARS.toLocaleString('en')} characters, because a quote (") is never closed`
            : `the CSV cannot be read (${error.message})`;
  return new FileFormatError(
    'MALFORMED_CSV',
    `Row ${row}: ${problem}. A cell containing quotes must be wrapped in quotes, with each quote inside doubled (""). ${SAVE_AS_CSV_UTF8}`,
  );
}
