import { Inflate } from 'fflate';

/**
 * Compressed bytes handed to the inflater at a time: deflate inflates at most 1,032 times, so one
 * step makes at most about 4 MB, and a part that inflates past its declared size (zip-archive.ts)
 * is stopped there.
 */
const STEP_BYTES = 4 * 1024;
/** Inflated bytes handed on at a time (views, not copies), so that the XML parser's strings stay small. */
const PIECE_BYTES = 16 * 1024;

/**
 * Inflates raw DEFLATE data (a ZIP entry's) with fflate's streaming Inflate, in plain JavaScript:
 * what the console uses on a browser `File` (byte-source.ts). Node's file sources use zlib
 * (file-byte-source.ts), faster and with less garbage for the CLI's million-row files.
 */
export async function* inflateRawWithFflate(compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let pieces: Uint8Array[] = [];
  const inflater = new Inflate((inflated) => {
    for (let at = 0; at < inflated.length; at += PIECE_BYTES) pieces.push(inflated.subarray(at, at + PIECE_BYTES));
  });
  const take = () => {
    const taken = pieces;
    pieces = [];
    return taken;
  };
  for await (const chunk of compressed) {
    for (let at = 0; at < chunk.length; at += STEP_BYTES) {
      inflater.push(chunk.subarray(at, at + STEP_BYTES));
      yield* take();
    }
  }
  inflater.push(new Uint8Array(0), true);
  yield* take();
}
