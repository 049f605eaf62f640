import type { Role } from '../../../shared/core/access/roles';
import { signIn } from '../session';

/**
 * The local stack's stand-in for the user pool: any user name and a role, signed with the local
 * key (infra/local/local-console.ts). The endpoint exists only on `npm start`'s console.
 */
export async function localSignIn(username: string, role: Role, region: string): Promise<void> {
  const response = await fetch('local-sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, role, region }),
  });
  const body = (await response.json()) as { token?: string; message?: string; issues?: { path: string; message: string }[] };
  if (!response.ok || !body.token) {
    throw new Error([body.message, ...(body.issues ?? []).map((issue) => `${issue.path} ${issue.message}`)].filter(Boolean).join(': '));
  }
  signIn(body.token);
}
