import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import type { Role } from '../../shared/core/access/roles';

const CHILD = path.join(import.meta.dirname, 'local-stack-child.ts');
/** Enough of the stack's stderr to say why it did not start, without holding a long run's logs. */
const STDERR_TAIL_CHARS = 16_000;

/**
 * The local stack running as its own process (local-stack-child.ts) on a data directory, so that
 * it can be killed like a power cut (SIGKILL to its process group: Node and DynamoDB Local at
 * once) and started again on the same data, at the same address.
 */
export class LocalStackProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly apiUrl: string,
    readonly dataDir: string,
    private readonly environment: Record<string, string>,
  ) {}

  /** Starts the stack; `environment` is the handlers' extra environment (the log level is ERROR unless it says otherwise). */
  static async start(dataDir: string, environment: Record<string, string>, port = 0): Promise<LocalStackProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(port)], {
      detached: true,
      env: { ...process.env, LINDUNG_STACK_ENV: JSON.stringify({ POWERTOOLS_LOG_LEVEL: 'ERROR', ...environment }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS)));
    const lines = createInterface({ input: child.stdout! });
    const ready = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => line.startsWith('{"apiUrl"') && resolve(line));
      child.once('exit', (code) => reject(new Error(`the local stack exited (${code}) before it was ready:\n${stderr}`)));
    });
    return new LocalStackProcess(child, (JSON.parse(ready) as { apiUrl: string }).apiUrl, dataDir, environment);
  }

  /** A token for the stack's API, as Cognito would issue to `username` in the groups `roles` (as LocalStack.token). */
  async token(username: string, roles: readonly Role[], region: string): Promise<string> {
    const config = readLocalAuthConfig(this.dataDir);
    if (!config) throw new Error(`no local auth configuration in ${this.dataDir}`);
    return signLocalToken(this.dataDir, { ...config, username, roles, region });
  }

  /** Node and DynamoDB Local die at once, mid-write: nothing gets to clean up. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited;
  }

  /** Starts the stack again on the same data and port, as an operator would after a crash. */
  restart(): Promise<LocalStackProcess> {
    return LocalStackProcess.start(this.dataDir, this.environment, Number(new URL(this.apiUrl).port));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
