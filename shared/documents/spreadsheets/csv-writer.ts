import type { Writable } from 'node:stream';
import type { CsvDelimiter } from './csv-delimiter';
import { escapeFormula } from './formula-escape';
import type { RowWriter } from './row-writer';
import { cellText, type SheetCell } from './sheet-cell';
import { WritableOutput } from './writable-output';

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without one, names with non-ASCII letters are garbled. */
const BOM = '\uFEFF';

/**
 * Writes CSV as RFC 4180 says and Excel expects: UTF-8 with BOM, CRLF line ends, cells quoted
 * when they hold the delimiter, a quote or a line break (quotes doubled inside), and every text
 * cell formula-escaped. The delimiter is `;` unless told otherwise: Lindung's users are offices
 * whose Excel runs in an Indonesian locale, which opens a double-clicked `,` file in one column
 * and a `;` file in columns (readSpreadsheet reads `,`, `;` and tab alike).
 */
export class CsvWriter implements RowWriter {
  private readonly output: WritableOutput;
  private started = false;
  private readonly needsQuotes: RegExp;

  constructor(
    output: Writable,
    private readonly delimiter: CsvDelimiter = ';',
  ) {
    this.output = new WritableOutput(output);
    this.needsQuotes = new RegExp(`["\\r\\n${delimiter}]`);
  }

  async writeRow(cells: readonly SheetCell[]): Promise<void> {
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

  /** Numbers are our own figures, never formulas: a negative difference stays `-5000`, a number to Excel. */
  private field(cell: SheetCell): string {
    const text = typeof cell === 'string' ? escapeFormula(cell) : cellText(cell);
    return this.needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
}
