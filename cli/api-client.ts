import { apiUrl, bearerToken, CliError } from './cli-config';

export interface GlobalOptions {
  api?: string;
  token?: string;
  json?: boolean;
}

/** Calls the Lindung HTTP API and returns the JSON answer, or throws a CliError that says what went wrong. */
export async function callApi<T>(
  options: GlobalOptions,
  method: string,
  path: string,
  body?: unknown,
  { authenticated = true } = {},
): Promise<T> {
  const base = apiUrl(options.api);
  const headers: Record<string, string> = authenticated ? { authorization: `Bearer ${bearerToken(options.token)}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new CliError(`Cannot reach the Lindung API at ${base} (${(error as Error).message}). Is \`npm start\` running?`);
  }
  const text = await response.text();
  const payload = text ? safeJson(text) : undefined;
  if (!response.ok) throw new CliError(describeFailure(response.status, payload), payload);
  return payload as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

function describeFailure(status: number, payload: unknown): string {
  const body = (payload ?? {}) as { message?: string; issues?: { path: string; message: string }[] };
  const hint =
    status === 401 ? ' Sign in again with `npx lindung login`.' : status === 403 ? ' Sign in with a user who holds that role.' : '';
  const lines = [`Rejected (${status}): ${body.message ?? 'no message'}${hint}`];
  for (const issue of body.issues ?? []) lines.push(`  - ${issue.path}: ${issue.message}`);
  return lines.join('\n');
}
