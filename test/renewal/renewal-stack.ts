import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uploadRoster } from '../../cli/roster-upload';
import { InsurerSimulator } from '../../infra/local/insurer-simulator';
import { LocalStack } from '../../infra/local/local-stack';
import { synthesizeTemplate } from '../../infra/synthesize';
import type { Role } from '../../shared/core/access/roles';
import { ROSTER_HEADER } from '../../scripts/lib/synthetic-roster';

/**
 * A Lindung stack of its own, with its own business clock: moving the clock in the suite's shared
 * stack would expire other tests' proposals. Started in this test file's process, exactly as
 * `npm start` starts it, with the insurer simulator.
 */
export class RenewalStack {
  private constructor(
    readonly stack: LocalStack,
    readonly insurer: InsurerSimulator,
    readonly dataDir: string,
  ) {}

  static async start(clock: string): Promise<RenewalStack> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-renewal-'));
    const insurer = await InsurerSimulator.start();
    const stack = await LocalStack.start({
      template: synthesizeTemplate({ bundle: false }),
      dataDir,
      inMemory: true,
      clock,
      environment: { POWERTOOLS_LOG_LEVEL: 'ERROR', ...insurer.lindungEnvironment() },
    });
    return new RenewalStack(stack, insurer, dataDir);
  }

  async stop(): Promise<void> {
    await Promise.all([this.stack.stop(), this.insurer.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  token(role: Role, username: string, region = '3674'): Promise<string> {
    return this.stack.token(username, [role], region);
  }

  async api<T = any>(method: string, urlPath: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.stack.apiUrl}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Moves the business clock as `npx lindung clock set` does; returns what the schedules fired. */
  async setClock(at: string, token: string): Promise<{ now: string; fired: { schedule: string; scheduledTime: string }[] }> {
    const response = await this.api('PUT', '/_local/clock', token, { at });
    if (response.status !== 200) throw new Error(`clock set answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async importRoster(regulationId: string, rows: string[][], coverageStart: string, token: string): Promise<any> {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-renewal-roster-')), 'roster.csv');
    writeFileSync(file, [ROSTER_HEADER, ...rows].map((cells) => cells.join(';')).join('\r\n'));
    return uploadRoster(
      { api: this.stack.apiUrl, token },
      { regulationId, file, coverageStart },
      { phase: () => ({ update: () => undefined, stop: () => undefined }) },
    );
  }

  /** Polls `path` until `done` holds. */
  async waitFor<T = any>(urlPath: string, token: string, done: (body: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await this.api<T>('GET', urlPath, token);
      if (response.status === 200 && done(response.body)) return response.body;
      if (Date.now() > deadline) throw new Error(`${what}: still ${response.status} ${JSON.stringify(response.body).slice(0, 3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every page of a per-bucket listing, over all 32 NIK buckets. */
  async allBuckets<T>(urlPath: (bucket: number, after?: string) => string, token: string, items: (body: any) => T[]): Promise<T[]> {
    const all: T[] = [];
    for (let bucket = 0; bucket < 32; bucket++) {
      let after: string | undefined;
      do {
        const page = await this.api('GET', urlPath(bucket, after), token);
        if (page.status !== 200) throw new Error(`${urlPath(bucket, after)} answered ${page.status}: ${JSON.stringify(page.body)}`);
        all.push(...items(page.body));
        after = page.body.after;
      } while (after);
    }
    return all;
  }
}
