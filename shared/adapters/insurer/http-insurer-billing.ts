import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InsurerRejectedRequestError, InsurerThrottledError, InsurerUnavailableError } from '../../core/enrollment/insurer-errors';
import { INSURER_RETRIES } from '../../core/enrollment/register-with-retries';
import { maskPersonalData } from '../../core/people/personal-data';
import type { BillHeader, BillLine } from '../../core/remittance/insurer-bill';
import type { InsurerBilling, MonthlyBillRequest } from '../../core/remittance/insurer-billing-port';
import { withRetries } from '../../lib/retry';
import { readInsurerBill } from '../../documents/remittance/insurer-bill-file';
import { messageOf, retryAfterSeconds } from './insurer-response';

export interface HttpInsurerBillingOptions {
  /** As for HttpInsurerClient: from the insurer secret in the cloud (insurer-config.ts), the simulator locally. */
  baseUrl: string;
  apiKey: string;
  /** Per attempt, including downloading the whole bill (default 120 s: a bill of a million lines is about 80 MB). */
  timeoutMs?: number;
  /** Where the bill is downloaded to before it is read (default the OS's temp folder; /tmp on Lambda). */
  tempDir?: string;
}

/**
 * The InsurerBilling port over the partner's HTTP API (assumed: insurer-billing-port.ts):
 * `GET {baseUrl}/v1/collective-accounts/{account}/bills/{YYYY-MM}` with `x-api-key`, answered
 * with the bill as CSV in the bill file's layout. The collective account names the bill; the
 * request's wadah code is not part of the route. The body is streamed to a temporary file and
 * read with readInsurerBill, the reader of the files offices import, so memory stays flat and
 * both ways in parse alike. The lines are read from that file as they are iterated; the file is
 * removed once they have been iterated to the end (or the loop is left), so iterate them once.
 *
 * Errors as HttpInsurerClient maps them: 429 → InsurerThrottledError, 5xx, timeout or network
 * failure → InsurerUnavailableError, other 4xx → InsurerRejectedRequestError, each retried or
 * not by INSURER_RETRIES; a body that is not a bill → the reader's FileFormatError. Messages pass
 * through maskPersonalData.
 */
export class HttpInsurerBilling implements InsurerBilling {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly tempDir: string;

  constructor(options: HttpInsurerBillingOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.tempDir = options.tempDir ?? os.tmpdir();
  }

  async monthlyBill(request: MonthlyBillRequest): Promise<{ header: BillHeader; lines: AsyncIterable<BillLine> }> {
    const dir = await mkdtemp(path.join(this.tempDir, 'lindung-bill-'));
    const file = path.join(dir, 'bill.csv');
    try {
      // Fetching a bill changes nothing, so any attempt may be repeated.
      await withRetries(() => this.download(request, file), INSURER_RETRIES);
      const bill = await readInsurerBill(file);
      return {
        header: bill.header,
        lines: (async function* () {
          try {
            yield* bill.lines;
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        })(),
      };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** One attempt: the whole body into `file` (replacing what an earlier attempt left). */
  private async download({ collectiveAccount, month }: MonthlyBillRequest, file: string): Promise<void> {
    const url = `${this.baseUrl}/v1/collective-accounts/${encodeURIComponent(collectiveAccount)}/bills/${encodeURIComponent(month)}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await fetch(url, { headers: { accept: 'text/csv', 'x-api-key': this.apiKey }, signal });
      if (response.status !== 200 || !response.body) throw await statusError(response);
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file), { signal });
    } catch (error) {
      if (error instanceof InsurerThrottledError || error instanceof InsurerUnavailableError || error instanceof InsurerRejectedRequestError) throw error;
      throw this.transportError(error);
    }
  }

  private transportError(error: unknown): InsurerUnavailableError {
    const name = (error as Error | undefined)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new InsurerUnavailableError(`The insurer did not send the bill within ${this.timeoutMs} ms.`, undefined, { cause: error });
    }
    const reason = maskPersonalData(String((error as Error | undefined)?.message ?? error));
    return new InsurerUnavailableError(`The insurer could not be reached: ${reason}`, undefined, { cause: error });
  }
}

async function statusError(response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  const message = maskPersonalData(messageOf(text) ?? response.statusText ?? '');
  if (response.status === 429) {
    return new InsurerThrottledError(retryAfterSeconds(response.headers.get('retry-after')));
  }
  if (response.status >= 500 || response.status === 200) {
    return new InsurerUnavailableError(`The insurer answered ${response.status} without a bill: ${message}`, response.status);
  }
  return new InsurerRejectedRequestError(`The insurer refused the bill request (${response.status}): ${message}`, response.status);
}
