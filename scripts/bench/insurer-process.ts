import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LOCAL_COLLECTIVE_ACCOUNT, LOCAL_INSURER_API_KEY } from '../../infra/local/insurer-simulator';

/** The insurer simulator running in its own process (insurer-child.ts), at zero latency and without faults until told. */
export class InsurerProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: AsyncIterator<string>,
    readonly url: string,
  ) {}

  static async start(): Promise<InsurerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'insurer-child.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new Error('the insurer simulator exited before it was ready');
    return new InsurerProcess(child, lines, first.value);
  }

  /** What Lindung's functions need to call it, with a 2 s timeout per insurer request. */
  lindungEnvironment(): Record<string, string> {
    return { INSURER_BASE_URL: this.url, INSURER_API_KEY: LOCAL_INSURER_API_KEY, INSURER_COLLECTIVE_ACCOUNT: LOCAL_COLLECTIVE_ACCOUNT, INSURER_TIMEOUT_MS: '2000' };
  }

  /** Its process id (CPU accounting). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async setFaults(faults: string): Promise<void> {
    this.child.stdin!.write(`${faults}\n`);
    await this.lines.next();
  }

  stop(): void {
    this.child.stdin!.end();
  }
}
