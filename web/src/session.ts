import type { Role } from '../../shared/core/access/roles';

/**
 * The signed-in user: the ID token (Cognito's in the cloud, the local key's locally) kept for
 * this browser tab only, and the user name, roles and region read from its claims. The API checks the
 * token; the console reads the claims only to show the right pages.
 */

export interface Session {
  readonly token: string;
  readonly username: string;
  readonly roles: readonly Role[];
  /** The Kemendagri region the user belongs to (`ID`: national), absent when the account has none. */
  readonly region?: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

const STORAGE_KEY = 'lindung.session';
const listeners = new Set<() => void>();

export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return undefined;
  const session = JSON.parse(stored) as Session;
  if (session.expiresAt * 1000 <= Date.now()) {
    sessionStorage.removeItem(STORAGE_KEY);
    return undefined;
  }
  return session;
}

export function signIn(token: string): Session {
  const claims = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as {
    'cognito:username'?: string;
    username?: string;
    'cognito:groups'?: Role[];
    'custom:region'?: string;
    exp?: number;
  };
  const session: Session = {
    token,
    username: claims['cognito:username'] ?? claims.username ?? '?',
    roles: claims['cognito:groups'] ?? [],
    ...(claims['custom:region'] ? { region: claims['custom:region'] } : {}),
    expiresAt: claims.exp ?? Math.floor(Date.now() / 1000) + 3600,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  notify();
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

export function hasRole(...roles: Role[]): boolean {
  const session = currentSession();
  return !!session && session.roles.some((role) => roles.includes(role));
}

export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}
