import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * A Writable used with backpressure: writers wait for 'drain' when its buffer is full, so a slow
 * disk or upload holds the producer back instead of buffering the whole report in memory. An
 * error the stream raises between writes is kept and thrown by the next call, rather than
 * crashing the process as an 'error' event nobody listens to.
 */
export class WritableOutput {
  private failure: Error | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Writes without waiting; pair with `drained()`. For callers that cannot await (fflate's callback). */
  writeNow(chunk: string | Uint8Array): void {
    this.stream.write(chunk);
  }

  /** Writes a chunk and waits if the buffer is now full. */
  async write(chunk: string | Uint8Array): Promise<void> {
    this.throwIfFailed();
    this.stream.write(chunk);
    await this.drained();
  }

  /** Waits until the buffer has room again, if it is full. */
  async drained(): Promise<void> {
    this.throwIfFailed();
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  /** Ends the stream and waits until everything is flushed (for a file: written and closed). */
  async end(): Promise<void> {
    this.throwIfFailed();
    this.stream.end();
    await finished(this.stream);
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
