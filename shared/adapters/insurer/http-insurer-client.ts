import { maskPersonalData } from '../../core/people/personal-data';
import { InsurerRejectedRequestError, InsurerThrottledError, InsurerUnavailableError } from '../../core/enrollment/insurer-errors';
import {
  INSURER_MAX_BATCH_SIZE,
  type Insurer,
  type RegisterBatchRequest,
  type RegistrationResult,
} from '../../core/enrollment/insurer-port';
import { messageOf, retryAfterSeconds } from './insurer-response';

export interface HttpInsurerClientOptions {
  /**
   * The partner API's base URL, e.g. `https://partner.example/api`. In the cloud, baseUrl and
   * apiKey come from AWS Secrets Manager (read by the handler at cold start and passed in here):
   * they are configuration, never code or plain environment values. Locally they are the
   * simulator's URL and LOCAL_INSURER_API_KEY (infra/local/insurer-simulator.ts).
   */
  baseUrl: string;
  apiKey: string;
  /** Per request, including reading the response. */
  timeoutMs?: number;
  maxBatchSize?: number;
}

/**
 * The insurer port over the partner's HTTP API:
 * `POST {baseUrl}/v1/collective-accounts/{account}/registrations:batch` with `x-api-key` and
 * `idempotency-key` headers and a JSON body `{ wadahCode, people }`; 200 answers `{ results }`.
 *
 * Status mapping: 429 → InsurerThrottledError (Retry-After); 5xx, timeout, network failure or an
 * unreadable 200 → InsurerUnavailableError; any other 4xx → InsurerRejectedRequestError. Error
 * messages pass through maskPersonalData, so a NIK echoed by the insurer never leaves unmasked.
 */
export class HttpInsurerClient implements Insurer {
  readonly maxBatchSize: number;
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(options: HttpInsurerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBatchSize = options.maxBatchSize ?? INSURER_MAX_BATCH_SIZE;
  }

  async registerBatch(request: RegisterBatchRequest): Promise<RegistrationResult[]> {
    const { wadahCode, collectiveAccount, idempotencyKey, people } = request;
    if (people.length === 0) return [];
    if (people.length > this.maxBatchSize) {
      throw new InsurerRejectedRequestError(
        `A batch holds at most ${this.maxBatchSize} people; this one has ${people.length}.`,
      );
    }
    if (!idempotencyKey) throw new InsurerRejectedRequestError('An idempotency key is required.');

    const url = `${this.baseUrl}/v1/collective-accounts/${encodeURIComponent(collectiveAccount)}/registrations:batch`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-api-key': this.apiKey,
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ wadahCode, people }),
        signal,
      });
      text = await response.text();
    } catch (error) {
      throw this.transportError(error);
    }

    if (response.status === 200) return parseResults(text, people.length);
    const message = maskPersonalData(messageOf(text) ?? response.statusText ?? '');
    if (response.status === 429) {
      throw new InsurerThrottledError(retryAfterSeconds(response.headers.get('retry-after')));
    }
    if (response.status >= 500) {
      throw new InsurerUnavailableError(`The insurer answered ${response.status}: ${message}`, response.status);
    }
    throw new InsurerRejectedRequestError(`The insurer refused the request (${response.status}): ${message}`, response.status);
  }

  private transportError(error: unknown): InsurerUnavailableError {
    const name = (error as Error | undefined)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new InsurerUnavailableError(`The insurer did not answer within ${this.timeoutMs} ms.`, undefined, { cause: error });
    }
    const reason = maskPersonalData(String((error as Error | undefined)?.message ?? error));
    return new InsurerUnavailableError(`The insurer could not be reached: ${reason}`, undefined, { cause: error });
  }
}

function parseResults(text: string, expected: number): RegistrationResult[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InsurerUnavailableError('The insurer answered 200 with a body that is not JSON (truncated?).', 200);
  }
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results) || results.length !== expected || !results.every(isResult)) {
    throw new InsurerUnavailableError(
      `The insurer answered 200 without one result per person (expected ${expected}).`,
      200,
    );
  }
  return results;
}

function isResult(value: unknown): value is RegistrationResult {
  const r = value as Partial<Record<string, unknown>> | null;
  if (!r || typeof r.nik !== 'string') return false;
  if (r.outcome === 'registered') return typeof r.kpj === 'string';
  return r.outcome === 'rejected' && typeof r.reason === 'string';
}
