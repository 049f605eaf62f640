import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** A workbook has a dozen parts; a ZIP with more entries than this is not one worth reading. */
const MAX_ENTRIES = 10_000;

/**
 * Read access to the parts of a ZIP file on disk, through yauzl: it reads the central directory
 * and then each part on demand from the file (random access), so only what is being parsed is
 * in memory. yauzl also checks each part's declared size while inflating, which stops
 * decompression bombs that lie about their size.
 */
export class ZipArchive {
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
