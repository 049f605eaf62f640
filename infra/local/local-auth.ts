import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import type { Role } from '../../shared/core/access/roles';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

/**
 * Local stand-in for Cognito: in the cloud a user pool signs ID tokens and API Gateway's JWT
 * authorizer checks them; locally one ES256 key pair in the data directory does both, so
 * handlers receive the same claims either way.
 */

const ALGORITHM = 'ES256';
const DEFAULT_TTL_SECONDS = 12 * 60 * 60;
const KEY_FILE = path.join('keys', 'local-auth.jwk');
const CONFIG_FILE = 'local-auth.json';
/** Namespace of the name-based (v5) UUIDs that stand in for Cognito's `sub`. */
const SUB_NAMESPACE = '5b0f7c52-3f4c-4a53-9d0b-6c6e64756e67';

/** Issuer and audience the local API expects: the JWT authorizer's, resolved from the template. */
export interface LocalAuthConfig {
  readonly issuer: string;
  readonly audience: string;
}

export interface LocalTokenRequest extends LocalAuthConfig {
  readonly username: string;
  readonly roles: readonly Role[];
  readonly ttlSeconds?: number;
}

/** The claims of a Cognito ID token that Lindung relies on. */
export interface LocalTokenClaims extends JWTPayload {
  sub: string;
  'cognito:username': string;
  'cognito:groups': string[];
  token_use: 'id';
  auth_time: number;
}

interface KeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
}

const keyPairs = new Map<string, Promise<KeyPair>>();

/** Signs a token shaped like a Cognito ID token, with the local key of `dataDir`. */
export async function signLocalToken(dataDir: string, request: LocalTokenRequest): Promise<string> {
  const { privateKey, kid } = await localKeyPair(dataDir);
  const now = Math.floor(Date.now() / 1000);
  const claims: Omit<LocalTokenClaims, 'iss' | 'aud' | 'iat' | 'exp'> = {
    sub: stableUserId(request.username),
    'cognito:username': request.username,
    'cognito:groups': [...request.roles],
    token_use: 'id',
    auth_time: now,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid, typ: 'JWT' })
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
  const { payload } = await jwtVerify(token, publicKey, { algorithms: [ALGORITHM], issuer: expected.issuer });
  const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
  if (!audiences.some((audience) => typeof audience === 'string' && expected.audience.includes(audience))) {
    throw new Error('The token is not meant for this API (aud/client_id)');
  }
  return payload;
}

/**
 * The issuer and audience of the template's JWT authorizers. The CLI signs tokens from the
 * resulting local-auth.json, so all authorizers must agree; undefined when the API has none.
 */
export function localAuthConfigOf(template: LocalTemplate): LocalAuthConfig | undefined {
  const configs = template.ofType('AWS::ApiGatewayV2::Authorizer').map(([logicalId]) => {
    const { JwtConfiguration } = template.properties(logicalId) as {
      JwtConfiguration?: { Issuer?: string; Audience?: string[] };
    };
    return { logicalId, issuer: JwtConfiguration?.Issuer ?? '', audience: JwtConfiguration?.Audience?.[0] ?? '' };
  });
  const [first] = configs;
  if (!first) return undefined;
  for (const other of configs) {
    if (other.issuer !== first.issuer || other.audience !== first.audience) {
      throw new LocalStackUnsupportedError(
        `authorizer ${other.logicalId}`,
        `its issuer and audience differ from ${first.logicalId}'s, and local tokens are signed for one`,
      );
    }
  }
  return { issuer: first.issuer, audience: first.audience };
}

export async function writeLocalAuthConfig(dataDir: string, config: LocalAuthConfig): Promise<void> {
  await writeFile(path.join(dataDir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * The issuer and audience that the local stack last started with, so that the CLI can sign
 * tokens without it; undefined when the stack has never run over `dataDir`. Synchronous, as the
 * CLI reads its configuration that way.
 */
export function readLocalAuthConfig(dataDir: string): LocalAuthConfig | undefined {
  const file = path.join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const config = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalAuthConfig>;
  if (typeof config.issuer !== 'string' || typeof config.audience !== 'string') {
    throw new Error(`${file} lacks an issuer or audience: start the local stack again with \`npm start\`.`);
  }
  return { issuer: config.issuer, audience: config.audience };
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

function localKeyPair(dataDir: string): Promise<KeyPair> {
  const file = path.resolve(dataDir, KEY_FILE);
  let keyPair = keyPairs.get(file);
  if (!keyPair) {
    keyPair = loadOrCreateKeyPair(file);
    keyPairs.set(file, keyPair);
    keyPair.catch(() => keyPairs.delete(file));
  }
  return keyPair;
}

async function loadOrCreateKeyPair(file: string): Promise<KeyPair> {
  let jwk = await readFile(file, 'utf8').then((text) => JSON.parse(text) as JWK, () => undefined);
  if (!jwk) jwk = await createKeyFile(file);
  const { d: _private, ...publicJwk } = jwk;
  return {
    privateKey: (await importJWK(jwk, ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALGORITHM)) as CryptoKey,
    kid: jwk.kid ?? 'local',
  };
}

/**
 * Generates the key pair and stores it (the private JWK holds the public part too). The stack
 * and the CLI may both get here first: the file is written aside and hard-linked into place,
 * which fails if it exists, so one key wins and nobody reads a half-written file.
 */
async function createKeyFile(file: string): Promise<JWK> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), alg: ALGORITHM, use: 'sig' };
  jwk.kid = createHash('sha256').update(`${jwk.x}.${jwk.y}`).digest('base64url').slice(0, 16);
  const temporary = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(temporary, JSON.stringify(jwk), { mode: 0o600 });
  try {
    await link(temporary, file);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } finally {
    await rm(temporary, { force: true });
  }
}
