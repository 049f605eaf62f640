import { columnIndexOf, rowNumberOf } from './cell-reference';
import { FileFormatError } from './file-format-error';
import { MAX_MERGED_RANGES, MAX_OPEN_MERGED_RANGES } from './spreadsheet-limits';
import type { Cell, MergedCells, SpreadsheetRow } from './spreadsheet-row';

/**
 * The merged ranges of a worksheet (`<mergeCells><mergeCell ref="I5:I9"/>`), sorted by their
 * first row. Held as four numbers each (first row, last row, first column, last column; rows
 * 1-based, columns 0-based) so a sheet of a million merges takes 16 MB, not objects.
 */
export interface MergedRanges {
  readonly count: number;
  /** `[firstRow, lastRow, firstColumn, lastColumn]` of range `i`, in first-row order. */
  readonly bounds: Int32Array;
}

const TAG = new TextEncoder().encode('mergeCell');
/** A `<mergeCell …>` tag has one attribute; one longer than this is no sheet Excel wrote. */
const MAX_TAG_BYTES = 4096;
/** Longest namespace prefix looked at (`x:` in .NET exports). */
const MAX_PREFIX_BYTES = 32;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const COLON = 0x3a;
const REF = /\sref\s*=\s*["']([A-Za-z]+\d+)(?::([A-Za-z]+\d+))?["']/;

/**
 * Reads the merged ranges of a worksheet's XML. `<mergeCells>` comes after `<sheetData>`, yet a
 * merge changes how the rows above it read: so the sheet is inflated a second time for it. It
 * looks for the tags in the bytes rather than parsing XML: outside markup `<` is always escaped,
 * so `<mergeCell` (or `<x:mergeCell`) is the tag, and finding it costs a small part of parsing
 * the sheet (a tag inside a comment would count too: no spreadsheet writes one there). Chunks are
 * searched where they lie, never copied whole: only a tag cut by a chunk's end is carried over.
 */
export async function readMergedRanges(source: AsyncIterable<Uint8Array>): Promise<MergedRanges> {
  const ranges = new RangeList();
  /** A tag cut by the previous chunk's end, from its `<`. */
  let carry: Uint8Array | undefined;
  for await (const chunk of source) {
    if (carry) {
      const joint = concat(carry, chunk.subarray(0, MAX_TAG_BYTES));
      const end = joint.indexOf(GREATER_THAN);
      if (end < 0) {
        if (joint.length > MAX_TAG_BYTES) throw new Error('a <mergeCell> tag does not end');
        carry = joint; // the chunk lies wholly inside the tag
        continue;
      }
      readTag(joint, 0, end, ranges);
      carry = undefined;
    }
    for (let from = 0; ; ) {
      const at = indexOfTag(chunk, from);
      if (at < 0) break;
      from = at + TAG.length;
      // No `<` before the name in this chunk: `</mergeCell>`, text, or a tag carried from the last chunk.
      const start = tagStart(chunk, at);
      if (start === undefined) continue;
      const end = chunk.indexOf(GREATER_THAN, at);
      if (end < 0) break; // cut by the chunk's end: carried below
      readTag(chunk, start, end, ranges);
      from = end + 1;
    }
    carry = cutTag(chunk);
  }
  return ranges.sorted();
}

/** The range of the tag from `start` (its `<`) to `end` (its `>`), if it is a `<mergeCell>` of more than one cell. */
function readTag(buffer: Uint8Array, start: number, end: number, ranges: RangeList): void {
  const name = nameStart(buffer, start, end);
  if (!startsWithTag(buffer, name, TAG.length)) return;
  const next = buffer[name + TAG.length];
  if (next === undefined || !isSpaceOrSlash(next)) return; // `<mergeCells>`
  const range = parseRange(latin1(buffer.subarray(name + TAG.length, end)));
  if (range) ranges.add(range);
}

/** Where the element name after the `<` at `start` begins, past a namespace prefix. */
function nameStart(buffer: Uint8Array, start: number, end: number): number {
  for (let i = start + 1; i < Math.min(end, start + 2 + MAX_PREFIX_BYTES); i++) {
    const byte = buffer[i]!;
    if (byte === COLON) return i + 1;
    if (!isNameByte(byte)) return start + 1;
  }
  return start + 1;
}

/** Where the tag whose name starts at `at` opens (its `<`), or undefined if no `<` opens it in this buffer. */
function tagStart(buffer: Uint8Array, at: number): number | undefined {
  if (buffer[at - 1] === LESS_THAN) return at - 1;
  if (buffer[at - 1] !== COLON) return undefined;
  for (let i = at - 2; i >= Math.max(0, at - 2 - MAX_PREFIX_BYTES); i--) {
    const byte = buffer[i]!;
    if (byte === LESS_THAN) return i;
    if (!isNameByte(byte)) return undefined;
  }
  return undefined;
}

/** The chunk's end from its last `<`, copied, when that opens a tag the chunk cuts which may be a `<mergeCell>`. */
function cutTag(chunk: Uint8Array): Uint8Array | undefined {
  const start = chunk.lastIndexOf(LESS_THAN);
  if (start < 0 || chunk.indexOf(GREATER_THAN, start) >= 0) return undefined;
  const name = nameStart(chunk, start, chunk.length);
  const cut = chunk.subarray(name, name + TAG.length);
  const mayBeTag =
    startsWithTag(cut, 0, cut.length) ||
    // Cut inside what may be a prefix: `<x`.
    (name === start + 1 && chunk.length - name <= MAX_PREFIX_BYTES && chunk.subarray(name).every(isNameByte));
  return mayBeTag ? chunk.slice(start) : undefined;
}

/*
 * Byte helpers on plain Uint8Arrays (not Node's Buffer), so that the console reads merged cells in
 * the browser with the same code.
 */

/** Where the next `mergeCell` starts at or after `from`, or -1: candidates found by the native search for its first byte. */
function indexOfTag(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(TAG[0]!, from); at >= 0; at = bytes.indexOf(TAG[0]!, at + 1)) {
    if (startsWithTag(bytes, at, TAG.length)) return at;
  }
  return -1;
}

/** Whether the `length` bytes at `at` are the first `length` bytes of TAG (all there). */
function startsWithTag(bytes: Uint8Array, at: number, length: number): boolean {
  if (at + length > bytes.length) return false;
  for (let i = 0; i < length; i++) if (bytes[at + i] !== TAG[i]) return false;
  return true;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joint = new Uint8Array(first.length + second.length);
  joint.set(first);
  joint.set(second, first.length);
  return joint;
}

/** Bytes as Latin-1 text: a tag's attributes, at most MAX_TAG_BYTES. */
function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function isNameByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte === 0x2d || byte === 0x2e;
}

function isSpaceOrSlash(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x2f;
}

/** Ranges as they are read, four numbers each, in a typed array that doubles as it fills. */
class RangeList {
  private bounds = new Int32Array(4 * 64);
  private count = 0;

  add(range: readonly [number, number, number, number]): void {
    if (this.count === MAX_MERGED_RANGES) throw tooManyMergedRanges(`more than ${MAX_MERGED_RANGES.toLocaleString('en')} merged ranges`);
    if (this.bounds.length === 4 * this.count) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    this.bounds.set(range, 4 * this.count++);
  }

  /** The ranges in first-row order. */
  sorted(): MergedRanges {
    const { bounds, count } = this;
    const order = new Uint32Array(count).map((_, i) => i).sort((a, b) => bounds[4 * a]! - bounds[4 * b]!);
    const sorted = new Int32Array(4 * count);
    order.forEach((i, position) => sorted.set(bounds.subarray(4 * i, 4 * i + 4), 4 * position));
    return { count, bounds: sorted };
  }
}

/** `[firstRow, lastRow, firstColumn, lastColumn]` of a `ref` of more than one cell. */
function parseRange(attributes: string): [number, number, number, number] | undefined {
  const match = REF.exec(attributes);
  if (!match?.[2]) return undefined; // a single cell: nothing merged
  const [, from, to] = match as unknown as [string, string, string];
  const rows = [rowNumberOf(from), rowNumberOf(to)];
  const columns = [columnIndexOf(from), columnIndexOf(to)];
  if (rows.includes(undefined) || columns.includes(undefined)) throw new Error(`invalid merged range ${from}:${to}`);
  const [r1, r2] = rows as [number, number];
  const [c1, c2] = columns as [number, number];
  if (r1 === r2 && c1 === c2) return undefined;
  return [Math.min(r1, r2), Math.max(r1, r2), Math.min(c1, c2), Math.max(c1, c2)];
}

interface OpenRange {
  readonly lastRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly value: Cell;
}

/**
 * Gives each row, as the rows stream in order from `firstRow`, the merged ranges covering it: a
 * range opens on its first row, taking the value of its top-left cell, and closes after its last.
 * Ranges whose top-left cell is empty, or above `firstRow`, show nothing and are left out.
 */
export class MergedCellTracker {
  private next = 0;
  /** Sorted by first column; replaced, never changed, as rows handed out keep it. */
  private open: readonly OpenRange[] = [];
  private firstToClose = Number.POSITIVE_INFINITY;
  private view: MergedCells | undefined;

  constructor(
    private readonly ranges: MergedRanges,
    firstRow: number,
  ) {
    while (this.next < ranges.count && ranges.bounds[4 * this.next]! < firstRow) this.next++;
  }

  cover(row: SpreadsheetRow): SpreadsheetRow {
    const { rowNumber } = row;
    let open = this.open;
    if (rowNumber > this.firstToClose) open = open.filter((range) => range.lastRow >= rowNumber);
    const { bounds, count } = this.ranges;
    while (this.next < count && bounds[4 * this.next]! <= rowNumber) {
      const at = 4 * this.next++;
      const [firstRow, lastRow, firstColumn, lastColumn] = bounds.subarray(at, at + 4) as unknown as [number, number, number, number];
      const value = firstRow === rowNumber ? row.cells[firstColumn] : undefined;
      if (lastRow < rowNumber || value === undefined || value.kind === 'empty') continue;
      if (open === this.open) open = [...open];
      (open as OpenRange[]).push({ lastRow, firstColumn, lastColumn, value });
      if (open.length > MAX_OPEN_MERGED_RANGES) throw tooManyMergedRanges(`more than ${MAX_OPEN_MERGED_RANGES.toLocaleString('en')} merged ranges on row ${rowNumber}`);
    }
    if (open !== this.open) {
      this.open = [...open].sort((a, b) => a.firstColumn - b.firstColumn);
      this.firstToClose = Math.min(...this.open.map((range) => range.lastRow));
      this.view = this.open.length > 0 ? new OpenRanges(this.open) : undefined;
    }
    return this.view ? { ...row, merged: this.view } : row;
  }
}

class OpenRanges implements MergedCells {
  constructor(private readonly ranges: readonly OpenRange[]) {}

  valueAt(column: number): Cell | undefined {
    // Ranges do not overlap: the last one starting at or before the column is the only candidate.
    let low = 0;
    let high = this.ranges.length - 1;
    let found: OpenRange | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = this.ranges[middle]!;
      if (range.firstColumn <= column) {
        found = range;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found && column <= found.lastColumn ? found.value : undefined;
  }
}

function tooManyMergedRanges(detail: string): FileFormatError {
  return new FileFormatError(
    'TOO_MANY_MERGED_CELLS',
    `The worksheet has ${detail}, more than a roster can. Select the table, unmerge its cells ` +
      '(Home → Merge & Center → Unmerge Cells), save the file and import it again.',
  );
}
