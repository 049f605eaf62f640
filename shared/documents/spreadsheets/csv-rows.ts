import { CsvError, parse, type Options } from 'csv-parse';
import type { ByteSource } from './byte-source';
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
 * however long the file: bytes flow through in chunks of the source (64 KB from a file) and rows
 * are handed on a chunk's worth at a time. The same code runs in the console, on a browser `File`
 * (web/build.ts gives the bundle csv-parse's browser build).
 *
 * Rows are numbered by their first physical line (the header is row 1), blank lines included, so
 * a rejection report can point the office at the right line. That is also Excel's row number,
 * unless an earlier quoted cell holds a line break: Excel shows such a record as one row. Every
 * cell is `text`, or `empty` for an empty string: CSV has no types.
 */
export async function* csvRows(source: ByteSource, delimiter: CsvDelimiter): AsyncGenerator<SpreadsheetRow> {
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
  const parser = new CsvParserRun(parse(options as unknown as Options));
  // A fatal, streaming TextDecoder: it carries a character split across chunks over to the next
  // one. csv-parse alone would quietly turn Windows-1252 bytes into U+FFFD, and names would be
  // stored garbled. The parser is given the decoded text.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new InvalidUtf8Error();
    }
  };
  try {
    for await (const chunk of source.stream(0, source.size)) {
      yield* await parser.write(decode(chunk));
    }
    yield* await parser.end(decode());
  } catch (error) {
    if (error instanceof InvalidUtf8Error) throw await notUtf8(source);
    if (error instanceof CsvError) throw tooLongCell(error, nextRowNumber) ?? malformed(error, nextRowNumber);
    throw error;
  } finally {
    parser.stop();
  }
}

/**
 * Drives csv-parse's parser (a Transform stream: Node's, or the browser build's) a chunk of text
 * at a time: `write` and `end` resolve with the rows parsed so far, or reject with its error.
 * A row emitted after its write's callback is not lost: it comes with the next call.
 */
class CsvParserRun {
  private rows: SpreadsheetRow[] = [];
  private failure: unknown;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly parser: ReturnType<typeof parse>) {
    parser.on('data', (row: SpreadsheetRow) => this.rows.push(row));
    parser.on('error', (error: unknown) => {
      this.failure ??= error;
      this.wake?.();
    });
    parser.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  /** The rows parsed once the parser has taken `text` (its write callback). */
  write(text: string): Promise<SpreadsheetRow[]> {
    return this.step((done) => (text === '' ? done() : this.parser.write(text, () => done())));
  }

  /** The last rows, once the parser has ended (its 'end' event). */
  end(text: string): Promise<SpreadsheetRow[]> {
    return this.step(() => this.parser.end(text));
  }

  /** Releases the parser when the rows are not read to the end. */
  stop(): void {
    // Optional: the stream stand-in of csv-parse's browser build (web/build.ts) has no destroy().
    if (!this.ended && this.failure === undefined) this.parser.destroy?.();
  }

  private async step(start: (done: () => void) => void): Promise<SpreadsheetRow[]> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (this.failure === undefined) start(resolve);
      else resolve();
    });
    this.wake = undefined;
    if (this.failure !== undefined) throw this.failure;
    const rows = this.rows;
    this.rows = [];
    return rows;
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

async function notUtf8(source: ByteSource): Promise<FileFormatError> {
  const row = await findInvalidUtf8Row(source.stream(0, source.size));
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
