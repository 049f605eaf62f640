import type { RawRosterRow } from '../../core/roster/raw-roster-row';
import { MAX_CHUNK_BYTES } from '../../core/roster/import-limits';
import { utf8Length } from '../../lib/utf8-length';

/** Room for the JSON envelope around the rows (`{"rows":[…]}`, `{"lines":[…]}`). */
const CHUNK_ENVELOPE_BYTES = 64;

/** A numbered chunk of an upload's rows (roster rows, or an insurer's bill lines). */
export interface Chunk<R> {
  readonly seq: number;
  readonly rows: R[];
}

export type RosterChunk = Chunk<RawRosterRow>;

/**
 * Groups rows, in order, into numbered chunks of at most 1 MB of JSON for an upload (a roster
 * import, an insurer's bill), so the same rows always make the same chunks (a resumed upload
 * sends them again harmlessly). Used by the CLI for files and by the console for fixed rows.
 * `maxRows` also caps the rows of a chunk, for routes that take at most so many.
 */
export class RowChunker<R = RawRosterRow> {
  private rows: R[] = [];
  private bytes = CHUNK_ENVELOPE_BYTES;
  private seq = 0;

  constructor(private readonly limits: { maxRows?: number } = {}) {}

  /** Adds a row; returns the chunk that is full before it, if this row does not fit in it. */
  add(row: R): Chunk<R> | undefined {
    const size = utf8Length(JSON.stringify(row)) + 1;
    let full: Chunk<R> | undefined;
    const tooMany = this.limits.maxRows !== undefined && this.rows.length >= this.limits.maxRows;
    if ((this.bytes + size > MAX_CHUNK_BYTES || tooMany) && this.rows.length > 0) full = this.take();
    this.rows.push(row);
    this.bytes += size;
    return full;
  }

  /** The last chunk, with whatever rows remain; undefined when none do. */
  flush(): Chunk<R> | undefined {
    return this.rows.length > 0 ? this.take() : undefined;
  }

  private take(): Chunk<R> {
    const chunk = { seq: this.seq++, rows: this.rows };
    this.rows = [];
    this.bytes = CHUNK_ENVELOPE_BYTES;
    return chunk;
  }
}
