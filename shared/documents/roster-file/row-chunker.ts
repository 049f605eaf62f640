import type { RawRosterRow } from '../../core/roster/raw-roster-row';
import { MAX_CHUNK_BYTES } from '../../core/roster/import-limits';

/** Room for the JSON envelope around the rows (`{"rows":[…]}`). */
const CHUNK_ENVELOPE_BYTES = 64;

export interface RowChunk<Row> {
  readonly seq: number;
  readonly rows: Row[];
}

export type RosterChunk = RowChunk<RawRosterRow>;

/**
 * Groups rows, in order, into numbered chunks of at most 1 MB of JSON for an upload, so the same
 * rows always make the same chunks (a resumed upload sends them again harmlessly). Used by the CLI
 * for roster files and the BPJS branch's member files, and by the console for fixed roster rows.
 */
export class RowChunker<Row = RawRosterRow> {
  private rows: Row[] = [];
  private bytes = CHUNK_ENVELOPE_BYTES;
  private seq = 0;

  /** Adds a row; returns the chunk that is full before it, if this row does not fit in it. */
  add(row: Row): RowChunk<Row> | undefined {
    const size = utf8Length(JSON.stringify(row)) + 1;
    let full: RowChunk<Row> | undefined;
    if (this.bytes + size > MAX_CHUNK_BYTES && this.rows.length > 0) full = this.take();
    this.rows.push(row);
    this.bytes += size;
    return full;
  }

  /** The last chunk, with whatever rows remain; undefined when none do. */
  flush(): RowChunk<Row> | undefined {
    return this.rows.length > 0 ? this.take() : undefined;
  }

  private take(): RowChunk<Row> {
    const chunk = { seq: this.seq++, rows: this.rows };
    this.rows = [];
    this.bytes = CHUNK_ENVELOPE_BYTES;
    return chunk;
  }
}

/** The UTF-8 size of a string, without encoding it (it runs once per row of a million-row file). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      // A surrogate pair: one four-byte character.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
