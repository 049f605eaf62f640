import { createHash } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CryptoKey, type JWK, exportJWK, generateKeyPair, importJWK } from 'jose';

/**
 * The one ES256 key pair in a local data directory that stands in for Cognito's signing keys:
 * the CLI and the local console sign ID tokens with it, the local API verifies them.
 */

export const LOCAL_SIGNING_ALGORITHM = 'ES256';
const KEY_FILE = path.join('keys', 'local-auth.jwk');

export interface LocalKeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
}

const keyPairs = new Map<string, Promise<LocalKeyPair>>();

/** The key pair of `dataDir`, created on first use. */
export function localKeyPair(dataDir: string): Promise<LocalKeyPair> {
  const file = path.resolve(dataDir, KEY_FILE);
  let keyPair = keyPairs.get(file);
  if (!keyPair) {
    keyPair = loadOrCreateKeyPair(file);
    keyPairs.set(file, keyPair);
    keyPair.catch(() => keyPairs.delete(file));
  }
  return keyPair;
}

async function loadOrCreateKeyPair(file: string): Promise<LocalKeyPair> {
  let jwk = await readFile(file, 'utf8').then((text) => JSON.parse(text) as JWK, () => undefined);
  if (!jwk) jwk = await createKeyFile(file);
  const { d: _private, ...publicJwk } = jwk;
  return {
    privateKey: (await importJWK(jwk, LOCAL_SIGNING_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, LOCAL_SIGNING_ALGORITHM)) as CryptoKey,
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
  const { privateKey } = await generateKeyPair(LOCAL_SIGNING_ALGORITHM, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), alg: LOCAL_SIGNING_ALGORITHM, use: 'sig' };
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
