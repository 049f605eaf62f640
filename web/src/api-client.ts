import { MAX_PAGE_LIMIT } from '../../shared/api/page-limits';
import { currentSession, signOut } from './session';

/** Calls the Lindung HTTP API with the signed-in user's ID token, as the CLI does. */

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }
}

let apiBase = '';

export function setApiBase(url: string): void {
  apiBase = url.replace(/\/$/, '');
}

export async function apiGet<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, String(value));
  return call<T>('GET', search.size ? `${path}?${search}` : path);
}

/**
 * Every item of a list route, following `nextCursor` page by page at the largest page the API
 * allows (docs/api-errors.md#lists). For the lists a person reads on one screen.
 */
export async function apiGetAll<T>(path: string, field: string, query: Record<string, string | number | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiGet<Record<string, unknown>>(path, { ...query, limit: MAX_PAGE_LIMIT, cursor });
    items.push(...(page[field] as T[]));
    cursor = page.nextCursor as string | undefined;
  } while (cursor);
  return items;
}

export async function apiSend<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  return call<T>(method, path, body);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = currentSession();
  const response = await fetch(`${apiBase}${path}`, {
    method,
    headers: {
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // An RFC 9457 problem (docs/api-errors.md), or API Gateway's own `{"message": ...}`.
  const payload = text ? (JSON.parse(text) as { detail?: string; errors?: ApiIssue[]; message?: string; issues?: ApiIssue[] }) : undefined;
  const detail = payload?.detail ?? payload?.message;
  if (response.status === 401) {
    // The token expired or was refused: the user signs in again.
    signOut();
    throw new ApiError(401, detail ?? 'Unauthorized');
  }
  if (!response.ok) throw new ApiError(response.status, detail ?? response.statusText, payload?.errors ?? payload?.issues ?? []);
  return payload as T;
}
