import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FileFormatError } from './file-format-error';
import { formatBytes } from './format-bytes';
import { MAX_COMPRESSION_RATIO, MAX_INFLATED_PART_BYTES, MAX_INFLATED_TOTAL_BYTES, RATIO_FREE_BYTES } from './spreadsheet-limits';

/** A workbook has a dozen parts; a ZIP with more entries than this is not one worth reading. */
const MAX_ENTRIES = 10_000;

/**
 * Read access to the parts of a ZIP file on disk, through yauzl: it reads the central directory
 * and then each part on demand from the file (random access), so only what is being parsed is
 * in memory. Before inflating a part, its declared size is held to the limits of
 * spreadsheet-limits.ts (size, compression ratio, and the total of the parts read); yauzl then
 * holds the part to its declared size while inflating, which stops bombs that lie about it.
 */
export class ZipArchive {
  /** Declared inflated bytes of the parts read so far, each part counted once. */
  private inflated = 0;
  private readonly counted = new Set<string>();

  private constructor(
    private readonly zip: ZipFile,
    /** By lower-cased name: OPC part names are case-insensitive, and some writers disagree on case. */
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  static async open(filePath: string): Promise<ZipArchive> {
    const zip = await yauzl.openPromise(filePath, { lazyEntries: true, autoClose: false });
    try {
      return new ZipArchive(zip, await readEntries(zip));
    } catch (error) {
      zip.close();
      throw error;
    }
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
    const stream = await this.zip.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
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

function readEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Entry) => {
      if (entries.size >= MAX_ENTRIES) {
        reject(new Error(`more than ${MAX_ENTRIES} parts`));
        return;
      }
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName.toLowerCase(), entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}
