import type { ByteSource } from './byte-source';
import { FileFormatError } from './file-format-error';
import { formatBytes } from './format-bytes';
import { MAX_COMPRESSION_RATIO, MAX_INFLATED_PART_BYTES, MAX_INFLATED_TOTAL_BYTES, RATIO_FREE_BYTES } from './spreadsheet-limits';

/** A workbook has a dozen parts; a ZIP with more entries than this is not one worth reading. */
const MAX_ENTRIES = 10_000;
/** The central directory of MAX_ENTRIES parts with long names; a larger one is no workbook's. */
const MAX_CENTRAL_DIRECTORY_BYTES = MAX_ENTRIES * 1024;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  readonly fileName: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/**
 * Read access to the parts of a ZIP file (an .xlsx) from a ByteSource, a file on disk or a
 * browser `File` alike: the central directory is read from the end of the file, then each part on
 * demand, its range streamed and inflated a chunk at a time by the source's inflater (random
 * access), so only what is being parsed is in memory. Before inflating a part, its declared size is held to the
 * limits of spreadsheet-limits.ts (size, compression ratio, and the total of the parts read);
 * while inflating, the part is held to its declared size, which stops bombs that lie about it.
 */
export class ZipArchive {
  /** Declared inflated bytes of the parts read so far, each part counted once. */
  private inflated = 0;
  private readonly counted = new Set<string>();

  private constructor(
    private readonly source: ByteSource,
    /** By lower-cased name: OPC part names are case-insensitive, and some writers disagree on case. */
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  /** Reads the central directory; the source stays the caller's to close. */
  static async open(source: ByteSource): Promise<ZipArchive> {
    return new ZipArchive(source, await readEntries(source));
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The part's size once inflated, as declared (and enforced while reading). */
  uncompressedSize(name: string): number | undefined {
    return this.entries.get(name.toLowerCase())?.uncompressedSize;
  }

  /** The part's bytes, inflated chunk by chunk. Stopping early releases the stream. */
  async *read(name: string): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new Error(`the part ${name} is missing`);
    this.checkInflation(entry);
    if (entry.flags & 1) throw new Error(`the part ${entry.fileName} is encrypted`);
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new Error(`unsupported compression method: ${entry.method}`);

    const local = await this.source.read(entry.localHeaderOffset, entry.localHeaderOffset + 30);
    if (local.length < 30 || u32(local, 0) !== LOCAL_FILE_HEADER) throw new Error(`invalid local file header of ${entry.fileName}`);
    const start = entry.localHeaderOffset + 30 + u16(local, 26) + u16(local, 28);
    const end = start + entry.compressedSize;
    if (end > this.source.size) throw new Error('file data overflows file bounds');

    const compressed = this.source.stream(start, end);
    const checked = new SizeCheck(entry.uncompressedSize);
    for await (const chunk of entry.method === STORED ? compressed : this.source.inflateRaw(compressed)) yield checked.pass(chunk);
    checked.end();
  }

  private checkInflation({ fileName, uncompressedSize: size, compressedSize }: Entry): void {
    const split = 'Split the roster into several files and import each.';
    if (size > MAX_INFLATED_PART_BYTES) {
      throw new FileFormatError(
        'INFLATES_TOO_MUCH',
        `The workbook's part ${fileName} inflates to ${formatBytes(size)}; the limit is ${formatBytes(MAX_INFLATED_PART_BYTES)} ` +
          `(about two million roster rows). ${split}`,
      );
    }
    if (size > RATIO_FREE_BYTES && size > MAX_COMPRESSION_RATIO * compressedSize) {
      throw new FileFormatError(
        'INFLATES_TOO_MUCH',
        `The workbook's part ${fileName} inflates ${Math.round(size / Math.max(compressedSize, 1)).toLocaleString('en')} times ` +
          `(${formatBytes(compressedSize)} to ${formatBytes(size)}); the limit is ${MAX_COMPRESSION_RATIO} times. Real rosters stay far below it; ` +
          'files built to exhaust memory ("zip bombs") go beyond. If this is a real roster, open it in Excel, save it again as ' +
          'Excel Workbook (.xlsx) or CSV UTF-8 (.csv), and import that file.',
      );
    }
    // A part read again (the worksheet: once for its merged cells, once for its rows) counts once:
    // the limit is on what the file holds, and a second pass costs time, not memory.
    if (this.counted.has(fileName)) return;
    this.counted.add(fileName);
    this.inflated += size;
    if (this.inflated > MAX_INFLATED_TOTAL_BYTES) {
      throw new FileFormatError(
        'INFLATES_TOO_MUCH',
        `The workbook's parts inflate to more than ${formatBytes(MAX_INFLATED_TOTAL_BYTES)} together, the limit. ${split}`,
      );
    }
  }
}

/** Holds a part's bytes to the size its central directory entry declares. */
class SizeCheck {
  private seen = 0;

  constructor(private readonly declared: number) {}

  pass(chunk: Uint8Array): Uint8Array {
    this.seen += chunk.length;
    // Checked as each piece arrives: the inflaters hand on at most a few megabytes at a time.
    if (this.seen > this.declared) throw new Error(`too many bytes in the stream. expected ${this.declared}. got at least ${this.seen}`);
    return chunk;
  }

  end(): void {
    if (this.seen < this.declared) throw new Error(`not enough bytes in the stream. expected ${this.declared}. got only ${this.seen}`);
  }
}

async function readEntries(source: ByteSource): Promise<Map<string, Entry>> {
  const { entryCount, directoryOffset, directorySize } = await readEndOfCentralDirectory(source);
  if (entryCount > MAX_ENTRIES) throw new Error(`more than ${MAX_ENTRIES} parts`);
  if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES) throw new Error('the central directory is too large');
  const directory = await source.read(directoryOffset, directoryOffset + directorySize);
  if (directory.length < directorySize) throw new Error('the central directory overflows the file');

  const entries = new Map<string, Entry>();
  const names = new TextDecoder('utf-8');
  let at = 0;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL_DIRECTORY_ENTRY) throw new Error('invalid central directory file header signature');
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const commentLength = u16(directory, at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new Error('the central directory is truncated');
    const fileName = names.decode(directory.subarray(at + 46, at + 46 + nameLength));
    const sizes = zip64Sizes(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), {
      uncompressedSize: u32(directory, at + 24),
      compressedSize: u32(directory, at + 20),
      localHeaderOffset: u32(directory, at + 42),
    });
    if (!fileName.endsWith('/')) entries.set(fileName.toLowerCase(), { fileName, flags: u16(directory, at + 8), method: u16(directory, at + 10), ...sizes });
    at = next;
  }
  return entries;
}

/** The end of central directory record (ZIP64's when the classic one overflows): where the directory is. */
async function readEndOfCentralDirectory(source: ByteSource): Promise<{ entryCount: number; directoryOffset: number; directorySize: number }> {
  const tailStart = Math.max(0, source.size - (22 + 0xffff));
  const tail = await source.read(tailStart, source.size);
  let found = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === END_OF_CENTRAL_DIRECTORY) {
      found = i;
      break;
    }
  }
  if (found < 0) throw new Error('end of central directory record signature not found');
  let entryCount = u16(tail, found + 10);
  let directorySize = u32(tail, found + 12);
  let directoryOffset = u32(tail, found + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = tailStart + found - 20;
    const locator = locatorAt >= 0 ? await source.read(locatorAt, locatorAt + 20) : new Uint8Array(0);
    if (locator.length < 20 || u32(locator, 0) !== ZIP64_END_LOCATOR) throw new Error('invalid zip64 end of central directory locator signature');
    const recordAt = u64(locator, 8);
    const record = await source.read(recordAt, recordAt + 56);
    if (record.length < 56 || u32(record, 0) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw new Error('invalid zip64 end of central directory record signature');
    entryCount = u64(record, 32);
    directorySize = u64(record, 40);
    directoryOffset = u64(record, 48);
  }
  if (directoryOffset + directorySize > source.size) throw new Error('the central directory overflows the file');
  return { entryCount, directoryOffset, directorySize };
}

/** The sizes and offset an entry declares, from its ZIP64 extra field for those that overflow 32 bits. */
function zip64Sizes(extra: Uint8Array, sizes: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number }): typeof sizes {
  const overflows = (['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const).filter((key) => sizes[key] === 0xffffffff);
  if (overflows.length === 0) return sizes;
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 0x0001) continue;
    const result = { ...sizes };
    overflows.forEach((key, i) => {
      if (at + 4 + 8 * (i + 1) > extra.length) throw new Error('zip64 extended information extra field is too short');
      result[key] = u64(extra, at + 4 + 8 * i);
    });
    return result;
  }
  throw new Error('expected zip64 extended information extra field');
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** A 64-bit little-endian number, as long as it is a safe integer (a larger one is no file here). */
function u64(bytes: Uint8Array, at: number): number {
  const value = u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;
  if (!Number.isSafeInteger(value)) throw new Error('a zip64 size is too large');
  return value;
}
