import type { ConsoleConfig } from '../config';
import { signIn } from '../session';

/**
 * Sign-in through the user pool's hosted pages (which ask for the password and the MFA code):
 * the OAuth 2.0 authorization-code flow with PKCE, for a public client without a secret.
 */

type CognitoAuth = Extract<ConsoleConfig['auth'], { kind: 'cognito' }>;

const PENDING_KEY = 'lindung.pkce';

/** Sends the browser to the hosted sign-in page. */
export async function startCognitoSignIn(auth: CognitoAuth): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  });
  location.assign(`${auth.domain}/oauth2/authorize?${query}`);
}

/** On the way back from the hosted page: trades the code for tokens. False when there is nothing to complete. */
export async function completeCognitoSignIn(auth: CognitoAuth): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', redirectUri() + location.hash);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match the request (state); sign in again.');
  const response = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`The user pool refused the sign-in code (${response.status}); sign in again.`);
  const tokens = (await response.json()) as { id_token: string };
  signIn(tokens.id_token);
  return true;
}

/** The hosted sign-out page, which comes back to the console. */
export function cognitoSignOutUrl(auth: CognitoAuth): string {
  return `${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() })}`;
}

function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
