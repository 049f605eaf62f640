import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * local-auth.json in the data directory: the issuer and audience the local API expects (its JWT
 * authorizer's), written by the local stack at start so that the CLI can sign tokens without it.
 */

const CONFIG_FILE = 'local-auth.json';

export interface LocalAuthConfig {
  readonly issuer: string;
  readonly audience: string;
}

export async function writeLocalAuthConfig(dataDir: string, config: LocalAuthConfig): Promise<void> {
  await writeFile(path.join(dataDir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * The issuer and audience that the local stack last started with; undefined when the stack has
 * never run over `dataDir`. Synchronous, as the CLI reads its configuration that way.
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
