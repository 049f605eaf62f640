import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../shared/auth/roles';
import { LocalStackProcess } from '../lib/local-stack-process';
import { call } from './api-call';
import { approvedProposal } from './approved-proposal';
import { InsurerProcess } from './insurer-process';
import { latencySummary } from './latency-summary';
import { type LoadRecord, runLoadClients } from './load-clients';
import { type ReadTargets, readMix } from './read-mix';

export interface LoadBenchOptions {
  seconds: number;
  clients: number;
}

/** The regulation the readers look at, enrolled before the window opens. */
const READ_PEOPLE = 1_000;
/** The run is killed once this share of its people are enrolled. */
const KILL_AT_SHARE = 0.25;
/** How long the import, the run and its resumption may take in all before the bench gives up. */
const WORKFLOW_TIMEOUT_MS = 20 * 60_000;
const POLL_MS = 100;
const CLIENT_ROLES: readonly Role[] = ['admin', 'finance', 'auditor'];

/**
 * `npm run bench -- load --people N [--seconds 60] [--clients 20]`: for `seconds`, `clients`
 * readers read the API without pause (read-mix.ts) while an import of N people runs, its budget
 * is approved and its enrollment run starts; once a quarter of the run is enrolled the stack's
 * process is killed (SIGKILL: Node and DynamoDB Local at once), started again on the same data and
 * port, and an admin starts the run again until it completes. Any answer but 200 is an error;
 * refused connections while the stack is down are counted apart, as `unavailable`.
 */
export async function loadScenario(people: number, log: (line: string) => void, options: LoadBenchOptions) {
  const insurer = await InsurerProcess.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-load-'));
  let stack = await LocalStackProcess.start(dataDir, insurer.lindungEnvironment());
  try {
    const read = await approvedProposal(stack, 'load-read', '3671', READ_PEOPLE, log);
    const admin = await stack.token('bench-admin', ['admin']);
    const readRun = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId: read.proposalId });
    await runEnd(stack.apiUrl, admin, readRun.runId, () => undefined);
    const targets: ReadTargets = { regulationId: 'load-read', importId: read.imported.importId, proposalId: read.proposalId, runId: readRun.runId };
    const tokens = await Promise.all(
      Array.from({ length: options.clients }, (_, i) => stack.token(`load-client-${i}`, [CLIENT_ROLES[i % CLIENT_ROLES.length]!])),
    );

    log(`load: ${options.clients} clients for ${options.seconds} s, while ${people} people are imported and enrolled through a crash`);
    // Set just before the kill, cleared once the restarted stack is ready.
    let stackDown = false;
    let downSeconds = 0;
    const started = performance.now();
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const clients = runLoadClients({ apiUrl: stack.apiUrl, tokens, seconds: options.seconds, mix: () => readMix(targets), isDown: () => stackDown, log });

    const workflow = (async () => {
      const importStarted = performance.now();
      const imported = await approvedProposal(stack, 'load-tangsel', '3674', people, (line) => log(`  ${elapsed()}: ${line}`));
      const importSeconds = (performance.now() - importStarted) / 1000;
      log(`  ${elapsed()}: imported ${imported.imported.accepted} and approved; start the run`);
      const runStarted = performance.now();
      const run = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId: imported.proposalId });
      targets.liveRunId = run.runId;
      const atKill = await runUntil(stack.apiUrl, admin, run.runId, (status) => status.counts.enrolled >= people * KILL_AT_SHARE);
      if (atKill.status !== 'running') throw new Error(`the run ended ${atKill.status} before the crash`);
      log(`  ${elapsed()}: ${atKill.counts.enrolled} enrolled: kill the stack`);
      stackDown = true;
      const killed = performance.now();
      await stack.kill();
      stack = await stack.restart();
      downSeconds = (performance.now() - killed) / 1000;
      stackDown = false;
      log(`  ${elapsed()}: the stack is back after ${downSeconds.toFixed(1)} s; the admin starts the run again`);
      const again = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId: imported.proposalId });
      if (again.runId !== run.runId) throw new Error(`starting again made another run: ${again.runId}, not ${run.runId}`);
      const ended = await runEnd(stack.apiUrl, admin, run.runId, (line) => log(`  ${elapsed()}: ${line}`));
      log(`  ${elapsed()}: the run ended ${ended.status}, ${ended.counts.enrolled} of ${ended.counts.planned} enrolled`);
      return {
        import: { status: imported.imported.status, accepted: imported.imported.accepted, seconds: round(importSeconds) },
        run: {
          status: ended.status as string,
          planned: ended.counts.planned as number,
          enrolled: ended.counts.enrolled as number,
          failed: ended.counts.failed as number,
          enrolledAtKill: atKill.counts.enrolled as number,
          seconds: round((performance.now() - runStarted) / 1000),
        },
        seconds: round((performance.now() - started) / 1000),
      };
    })();

    const [record, outcome] = await Promise.allSettled([clients, workflow]);
    if (record.status === 'rejected') throw record.reason;
    const load = summary(record.value, options.seconds);
    const done = outcome.status === 'fulfilled' ? outcome.value : undefined;
    if (!done) log(`load: the import or run did not complete: ${(outcome as PromiseRejectedResult).reason}`);
    const completed = done?.import.status === 'completed' && done.run.status === 'completed' && done.run.enrolled === done.run.planned;
    return {
      scenario: 'load',
      people,
      clients: options.clients,
      seconds: options.seconds,
      ...load,
      downSeconds: round(downSeconds),
      unavailableMeans: 'connections refused or reset while the stack was killed and restarting: no HTTP answer, so not errors; the clients wait 250 ms and go on',
      ...(done ? { import: done.import, run: done.run, workflowSeconds: done.seconds } : { failure: String((outcome as PromiseRejectedResult).reason) }),
      passed: load.errors === 0 && completed,
    };
  } finally {
    await stack.stop();
    insurer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Polls the run until `until` holds or it is no longer running. */
async function runUntil(apiUrl: string, token: string, runId: string, until: (status: any) => boolean): Promise<any> {
  const deadline = performance.now() + WORKFLOW_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const status = await call(apiUrl, token, 'GET', `/enrollment-runs/${runId}`);
    if (status.status !== 'running' || until(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`run ${runId} was still running after ${WORKFLOW_TIMEOUT_MS / 60_000} minutes`);
}

/** Polls the run until it ends, logging each tenth of its planned people enrolled. */
async function runEnd(apiUrl: string, token: string, runId: string, log: (line: string) => void): Promise<any> {
  let lastTenth = -1;
  return runUntil(apiUrl, token, runId, (status) => {
    const tenth = Math.floor((status.counts.enrolled / status.counts.planned) * 10);
    if (tenth !== lastTenth) log(`${status.counts.enrolled} enrolled`);
    lastTenth = tenth;
    return false;
  });
}

/** Counts and latencies, overall and per route. */
function summary(record: LoadRecord, seconds: number) {
  const all = [...record.latenciesMs.values()].flat();
  const errors = [...record.errors.values()].reduce((a, b) => a + b, 0);
  const names = [...new Set([...record.latenciesMs.keys(), ...record.errors.keys()])].sort();
  const routes = Object.fromEntries(
    names.map((route) => {
      const latencies = record.latenciesMs.get(route) ?? [];
      return [route, { requests: latencies.length, errors: record.errors.get(route) ?? 0, ...latencySummary(latencies) }];
    }),
  );
  return {
    requests: all.length,
    requestsPerSecond: Math.round(all.length / seconds),
    errors,
    unavailable: record.unavailable,
    latencyMs: latencySummary(all),
    routes,
    ...(record.errorSamples.length > 0 ? { errorSamples: record.errorSamples } : {}),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
