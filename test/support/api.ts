import { inject } from 'vitest';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import type { Role } from '../../shared/core/access/roles';

/** The region of the suite's example regulations (Kota Tangerang Selatan), where test users sign in. */
export const TEST_REGION = '3674';

/** A signed local token for a user holding one role, as `npx lindung login` issues it. */
export async function tokenFor(role: Role, username = `${role}-tester`, region = TEST_REGION): Promise<string> {
  const dataDir = inject('dataDir');
  const config = readLocalAuthConfig(dataDir);
  if (!config) throw new Error('The local stack wrote no local-auth.json');
  return signLocalToken(dataDir, { ...config, username, roles: [role], region });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Amends a regulation as a client that read it first: GET for its ETag, then PUT with If-Match.
 * (Creating one needs no precondition: a plain `api('PUT', ...)` does.)
 */
export async function amendRegulation<T = any>(document: { id: string }, token: string): Promise<ApiResponse<T>> {
  const read = await api('GET', `/regulations/${document.id}`, { token });
  const precondition: Record<string, string> = read.status === 200 ? { 'if-match': read.headers.get('etag') ?? '' } : {};
  return api<T>('PUT', `/regulations/${document.id}`, { token, body: document, headers: precondition });
}

/** Every item of a list route, following nextCursor (docs/api-errors.md#lists). */
export async function listAll<T = any>(path: string, field: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api(
      'GET',
      `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...page.body[field]);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** Calls the suite's local API over HTTP. */
export async function api<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.rawBody !== undefined ? { body: options.rawBody } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
