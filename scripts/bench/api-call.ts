import type { Role } from '../../shared/core/access/roles';

/** What a bench needs of a running stack, in-process (LocalStack) or in its own process (LocalStackProcess). */
export interface BenchStack {
  readonly apiUrl: string;
  token(username: string, roles: readonly Role[], region: string): Promise<string>;
}

/** One API request whose answer must be a success: its JSON, or it throws with the status and body. */
export async function call(apiUrl: string, token: string, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}
