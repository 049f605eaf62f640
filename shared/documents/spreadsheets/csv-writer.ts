import type { Writable } from 'node:stream';
import type { CsvDelimiter } from './csv-delimiter';
import { escapeFormula } from './formula-escape';
import type { RowWriter } from './row-writer';
import { WritableOutput } from './writable-output';

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without one, names with non-ASCII letters are garbled. */
const BOM = '\uFEFF';

/**
 * Writes CSV as RFC 4180 says and Excel expects: UTF-8 with BOM, CRLF line ends, cells quoted
 * when they hold the delimiter, a quote or a line break (quotes doubled inside), and every cell
 * formula-escaped. The delimiter is `,` unless told otherwise (Indonesian-locale Excel opens
 * a `,` file in one column when double-clicked; `;` suits it, and readSpreadsheet reads both).
 */
export class CsvWriter implements RowWriter {
  private readonly output: WritableOutput;
  private started = false;
  private readonly needsQuotes: RegExp;

  constructor(
    output: Writable,
    private readonly delimiter: CsvDelimiter = ',',
  ) {
    this.output = new WritableOutput(output);
    this.needsQuotes = new RegExp(`["\\r\\n${delimiter}]`);
  }

  async writeRow(cells: readonly string[]): Promise<void> {
    const line = cells.map((cell) => this.field(cell)).join(this.delimiter) + '\r\n';
    await this.output.write(this.start() + line);
  }

  async close(): Promise<void> {
    const rest = this.start();
    if (rest) await this.output.write(rest);
    await this.output.end();
  }

  /** The BOM, the first time only. */
  private start(): string {
    if (this.started) return '';
    this.started = true;
    return BOM;
  }

  private field(cell: string): string {
    const text = escapeFormula(cell);
    return this.needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
}
