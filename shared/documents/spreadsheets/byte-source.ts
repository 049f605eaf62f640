import { inflateRawWithFflate } from './inflate-raw';

/**
 * The bytes of a file the readers take (read-spreadsheet.ts, zip-archive.ts, csv-rows.ts), wherever
 * it is: a file on disk for the CLI (file-byte-source.ts), a `File` or `Blob` the user picked in
 * the browser (`blobByteSource`). The readers ask for ranges, never for the whole file, so a large
 * roster is never held in memory on either side.
 */
export interface ByteSource {
  /** The file's name as the user knows it (for messages), without folders. */
  readonly name: string;
  readonly size: number;
  /** The bytes from `start` up to (not including) `end`, at most what the file has. For small ranges. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The bytes from `start` up to `end`, a chunk at a time. Stopping early releases what was opened. */
  stream(start: number, end: number): AsyncIterable<Uint8Array>;
  /**
   * Inflates raw DEFLATE data (a part of an .xlsx) chunk by chunk: zlib for a file (the CLI), fflate
   * in the browser. Stopping early releases the inflater.
   */
  inflateRaw(compressed: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  /** Releases the source (a file handle); reading afterwards is an error. */
  close(): Promise<void>;
}

/**
 * A `File` or `Blob` as a ByteSource: each range is a `slice`, streamed by the browser (or Node),
 * and .xlsx parts are inflated by fflate.
 */
export function blobByteSource(blob: Blob, name = blob instanceof File ? blob.name : 'file'): ByteSource {
  return {
    name,
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    stream: (start, end) => readableChunks(blob.slice(start, end).stream()),
    inflateRaw: inflateRawWithFflate,
    close: async () => undefined,
  };
}

/** A ReadableStream's chunks as an async iterable, cancelling the stream when the reader stops early. */
async function* readableChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
