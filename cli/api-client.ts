import { type RetryPolicy, withRetries } from '../shared/lib/retry';
import { apiUrl, bearerToken, CliError } from './cli-config';
import { t } from './messages';

export interface GlobalOptions {
  api?: string;
  token?: string;
  json?: boolean;
}

/** The API could not be reached, or answered 429 or 5xx: worth another try, if the request is safe to repeat. */
class TransientApiError extends CliError {}

const API_RETRIES: RetryPolicy = { attempts: 5, baseDelayMs: 400, maxDelayMs: 3200, retryable: (error) => error instanceof TransientApiError };

/**
 * Calls the Lindung HTTP API and returns the JSON answer, or throws a CliError that says what
 * went wrong. With `retry`, for requests that are safe to repeat (all of Lindung's writes are
 * idempotent by key), network errors, 429 and 5xx answers are retried with backoff.
 */
export async function callApi<T>(
  options: GlobalOptions,
  method: string,
  path: string,
  body?: unknown,
  { authenticated = true, retry = false, headers: extraHeaders = {} }: { authenticated?: boolean; retry?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const base = apiUrl(options.api);
  const headers: Record<string, string> = {
    ...extraHeaders,
    ...(authenticated ? { authorization: `Bearer ${bearerToken(options.token)}` } : {}),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const payloadText = body === undefined ? undefined : JSON.stringify(body);
  const send = async (): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { method, headers, ...(payloadText === undefined ? {} : { body: payloadText }) });
    } catch (error) {
      throw new TransientApiError(`Cannot reach the Lindung API at ${base} (${(error as Error).message}). Is \`npm start\` running?`);
    }
    const text = await response.text();
    const payload = text ? safeJson(text) : undefined;
    if (response.status === 429 || response.status >= 500) throw new TransientApiError(describeFailure(response.status, payload), payload);
    if (!response.ok) throw new CliError(describeFailure(response.status, payload), payload);
    return payload as T;
  };
  return retry ? withRetries(send, API_RETRIES) : send();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/**
 * An RFC 9457 problem (`detail`, `errors`; docs/api-errors.md), or the earlier `{message, issues}`
 * body that API Gateway's own answers (`{"message":"Unauthorized"}`) still have.
 */
function describeFailure(status: number, payload: unknown): string {
  const body = (payload ?? {}) as { detail?: string; errors?: Issue[]; message?: string; issues?: Issue[] };
  const hint =
    status === 401 ? ` ${t('Masuk lagi dengan `npx lindung login`.')}` : status === 403 ? ` ${t('Masuk sebagai pengguna yang memegang peran itu.')}` : '';
  const lines = [`${t('Ditolak ({status})', { status })}: ${body.detail ?? body.message ?? t('tanpa pesan')}${hint}`];
  for (const issue of body.errors ?? body.issues ?? []) lines.push(`  - ${issue.path}: ${issue.message}`);
  return lines.join('\n');
}

interface Issue {
  path: string;
  message: string;
}
