import { createHash } from 'node:crypto';
import { type JWTPayload, SignJWT, jwtVerify } from 'jose';
import type { Role } from '../../core/access/roles';
import type { LocalAuthConfig } from './local-auth-config';
import { LOCAL_SIGNING_ALGORITHM, localKeyPair } from './local-signing-key';

/**
 * Local stand-in for Cognito's ID tokens: in the cloud a user pool signs them and API Gateway's
 * JWT authorizer checks them; locally the key of the data directory does both, so handlers
 * receive the same claims either way.
 */

const DEFAULT_TTL_SECONDS = 12 * 60 * 60;
/** Namespace of the name-based (v5) UUIDs that stand in for Cognito's `sub`. */
const SUB_NAMESPACE = '5b0f7c52-3f4c-4a53-9d0b-6c6e64756e67';

export interface LocalTokenRequest extends LocalAuthConfig {
  readonly username: string;
  readonly roles: readonly Role[];
  /** The user's Kemendagri region code, or `ID` for the national scope. */
  readonly region: string;
  readonly ttlSeconds?: number;
}

/** The claims of a Cognito ID token that Lindung relies on. */
export interface LocalTokenClaims extends JWTPayload {
  sub: string;
  'cognito:username': string;
  'cognito:groups': string[];
  'custom:region': string;
  token_use: 'id';
  auth_time: number;
}

/** Signs a token shaped like a Cognito ID token, with the local key of `dataDir`. */
export async function signLocalToken(dataDir: string, request: LocalTokenRequest): Promise<string> {
  const { privateKey, kid } = await localKeyPair(dataDir);
  const now = Math.floor(Date.now() / 1000);
  const claims: Omit<LocalTokenClaims, 'iss' | 'aud' | 'iat' | 'exp'> = {
    sub: stableUserId(request.username),
    'cognito:username': request.username,
    'cognito:groups': [...request.roles],
    'custom:region': request.region,
    token_use: 'id',
    auth_time: now,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: LOCAL_SIGNING_ALGORITHM, kid, typ: 'JWT' })
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? DEFAULT_TTL_SECONDS))
    .sign(privateKey);
}

/**
 * Verifies a token as API Gateway's JWT authorizer does: signature, issuer, expiry, and the
 * audience, which is `aud` (ID tokens) or, without one, `client_id` (access tokens). Throws when
 * the token fails any check.
 */
export async function verifyLocalToken(
  dataDir: string,
  token: string,
  expected: { readonly issuer: string; readonly audience: readonly string[] },
): Promise<JWTPayload> {
  const { publicKey } = await localKeyPair(dataDir);
  const { payload } = await jwtVerify(token, publicKey, { algorithms: [LOCAL_SIGNING_ALGORITHM], issuer: expected.issuer });
  const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
  if (!audiences.some((audience) => typeof audience === 'string' && expected.audience.includes(audience))) {
    throw new Error('The token is not meant for this API (aud/client_id)');
  }
  return payload;
}

/** A UUID derived from the user name (RFC 9562 version 5), so a user keeps one `sub` across restarts. */
export function stableUserId(username: string): string {
  const namespace = Buffer.from(SUB_NAMESPACE.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(username, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
