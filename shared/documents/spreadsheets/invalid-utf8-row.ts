const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The row (numbered like `csvRows` numbers them: by the first physical line of the record) that
 * holds the first byte sequence of a file's `bytes` that is not valid UTF-8, or undefined if the
 * file is valid.
 *
 * Only called once decoding has already failed, so it favours being obviously right over being
 * fast: one pass over the bytes, validating UTF-8 by hand (Unicode table 3-7, the same rules as
 * a fatal TextDecoder) while following quotes and line breaks. Toggling on every `"` is enough
 * to know whether a line break is inside a quoted cell, since an escaped `""` toggles twice.
 */
export async function findInvalidUtf8Row(bytes: AsyncIterable<Uint8Array>): Promise<number | undefined> {
  let line = 1;
  let recordStart = 1;
  let quoted = false;
  let previousWasCr = false;
  /** Continuation bytes still expected, and the allowed range of the next one. */
  let pending = 0;
  let low = 0x80;
  let high = 0xbf;

  for await (const chunk of bytes) {
    for (const byte of chunk) {
      if (pending > 0) {
        if (byte < low || byte > high) return recordStart;
        pending--;
        low = 0x80;
        high = 0xbf;
        continue;
      }
      if (byte < 0x80) {
        if (byte === QUOTE) quoted = !quoted;
        // CRLF, lone LF and lone CR each end one physical line.
        if (byte === CR || (byte === LF && !previousWasCr)) {
          line++;
          if (!quoted) recordStart = line;
        }
        previousWasCr = byte === CR;
        continue;
      }
      previousWasCr = false;
      if (byte >= 0xc2 && byte <= 0xdf) pending = 1;
      else if (byte === 0xe0) [pending, low] = [2, 0xa0];
      else if (byte === 0xed) [pending, high] = [2, 0x9f];
      else if (byte >= 0xe1 && byte <= 0xef) pending = 2;
      else if (byte === 0xf0) [pending, low] = [3, 0x90];
      else if (byte >= 0xf1 && byte <= 0xf3) pending = 3;
      else if (byte === 0xf4) [pending, high] = [3, 0x8f];
      else return recordStart;
    }
  }
  // A multi-byte character cut off by the end of the file.
  return pending > 0 ? recordStart : undefined;
}
