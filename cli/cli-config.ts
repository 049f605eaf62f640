import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

/** The local data directory `npm start` uses, and where the CLI finds the running stack and its session. */
export function dataDir(): string {
  return path.resolve(process.env.LINDUNG_DATA_DIR ?? path.join(REPO_ROOT, '.lindung'));
}

export interface Session {
  token: string;
  username?: string;
  roles?: string[];
  region?: string;
}

const sessionFile = () => path.join(dataDir(), 'cli-session.json');

export function saveSession(session: Session): void {
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(sessionFile(), `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
}

export function loadSession(): Session | undefined {
  return existsSync(sessionFile()) ? (JSON.parse(readFileSync(sessionFile(), 'utf8')) as Session) : undefined;
}

/** The API base URL: --api, then LINDUNG_API_URL, then the locally running stack. */
export function apiUrl(flag: string | undefined): string {
  const explicit = flag || process.env.LINDUNG_API_URL;
  if (explicit) return explicit.replace(/\/$/, '');
  const endpointFile = path.join(dataDir(), 'endpoint.json');
  if (existsSync(endpointFile)) return (JSON.parse(readFileSync(endpointFile, 'utf8')) as { apiUrl: string }).apiUrl;
  throw new CliError('No Lindung API found. Start the local system with `npm start`, or pass --api URL for a deployed one.');
}

/** The bearer token: --token, then LINDUNG_TOKEN, then the session saved by `lindung login`. */
export function bearerToken(flag: string | undefined): string {
  const token = flag || process.env.LINDUNG_TOKEN || loadSession()?.token;
  if (!token) throw new CliError('Not signed in. Run `npx lindung login --as admin --user NAME --region CODE` first (or pass --token).');
  return token;
}

/** An error the CLI reports as a message and a non-zero exit, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
