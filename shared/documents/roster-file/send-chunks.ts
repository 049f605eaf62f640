import { forEachConcurrently } from '../../lib/for-each-concurrently';
import type { Chunk } from './row-chunker';

/** Chunks in flight at once: enough to keep the API busy, few enough to keep memory flat. */
const PARALLEL_CHUNKS = 3;

/** How an upload shows its progress: a bar on the CLI's terminal, a <progress> in the console. */
export interface UploadProgress {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * Sends an upload's numbered chunks (a roster's rows, a bill's lines), a few at a time, as they
 * are read from the file: the API stores each once, whatever was sent before, so an upload that
 * stopped part-way is finished by sending them all again. Returns the rows sent. Used by the CLI
 * and the console alike.
 */
export async function sendChunks<R>(chunks: AsyncIterable<Chunk<R>>, send: (chunk: Chunk<R>) => Promise<unknown>, sending: UploadProgress): Promise<number> {
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
