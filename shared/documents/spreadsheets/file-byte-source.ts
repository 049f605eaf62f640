import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ByteSource } from './byte-source';

/** Bytes read at a time when streaming a range of a file. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A file on disk as a ByteSource (byte-source.ts): one handle, opened here and closed by `close()`,
 * read by position, so ranges may be read in any order and while others stream. Parts of an .xlsx
 * are inflated by zlib.
 */
export async function fileByteSource(filePath: string): Promise<ByteSource> {
  const handle = await open(filePath, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  const read = async (start: number, end: number): Promise<Uint8Array> => {
    const length = Math.max(0, Math.min(end, size) - start);
    const buffer = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  };
  return {
    name: path.basename(filePath),
    size,
    read,
    async *stream(start, end) {
      for (let at = start; at < Math.min(end, size); ) {
        const chunk = await read(at, Math.min(end, at + CHUNK_BYTES));
        if (chunk.length === 0) return;
        at += chunk.length;
        yield chunk;
      }
    },
    inflateRaw: (compressed) => {
      const inflater = createInflateRaw();
      pipeline(Readable.from(compressed), inflater, () => {
        // Errors reach the reader through the inflater, which the pipeline destroys with them.
      });
      return inflater;
    },
    close: () => handle.close(),
  };
}
