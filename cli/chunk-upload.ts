import type { Chunk } from '../shared/documents/roster-file/row-chunker';
import { forEachConcurrently } from '../shared/lib/for-each-concurrently';
import type { Progress } from './progress';

/** Chunks in flight at once: enough to keep the API busy, few enough to keep memory flat. */
export const PARALLEL_CHUNKS = 3;

/**
 * Sends an upload's numbered chunks (a roster's rows, a bill's lines), a few at a time, as they
 * are read from the file: the API stores each once, whatever was sent before, so an upload that
 * stopped part-way is finished by sending them all again. Returns the rows sent.
 */
export async function sendChunks<R>(chunks: AsyncIterable<Chunk<R>>, send: (chunk: Chunk<R>) => Promise<unknown>, sending: Progress): Promise<number> {
  let sent = 0;
  try {
    await forEachConcurrently(chunks, PARALLEL_CHUNKS, async (chunk) => {
      await send(chunk);
      sent += chunk.rows.length;
      sending.update(sent);
    });
  } finally {
    sending.stop();
  }
  return sent;
}
