import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../shared/core/access/roles';
import { LocalStackProcess } from '../lib/local-stack-process';
import { call } from './api-call';
import { applyTangselRegulation, approvedProposal, importRoster, writeTangselRoster } from './approved-proposal';
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
/** How long the bench waits for a run to reach the kill, or to end, before it gives up. */
const WORKFLOW_TIMEOUT_MS = 20 * 60_000;
const POLL_MS = 100;
const CLIENT_ROLES: readonly Role[] = ['admin', 'finance', 'auditor'];

/**
 * `npm run bench -- load --people N [--seconds 60] [--clients 20]`: for `seconds`, `clients`
 * readers read the API without pause (read-mix.ts) while, at the same time, a roster of N people
 * is imported and the enrollment run of an approved proposal for N other people starts. Once a
 * quarter of the run is enrolled the stack's process is killed (SIGKILL: Node and DynamoDB Local
 * at once) and started again on the same data and port; an admin starts the run again, resumes
 * the import if the crash broke it off (`lindung roster import --resume`), and both must complete. The import and the run
 * go side by side, not one after the other, so that the crash falls in the window: on this
 * machine an import of 20,000 people alone takes longer than 60 s under the readers' load. Any
 * answer but 200 is an error; refused connections while the stack is down are counted apart, as
 * `unavailable`.
 */
export async function loadScenario(people: number, log: (line: string) => void, options: LoadBenchOptions) {
  const insurer = await InsurerProcess.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-load-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-'));
  let stack = await LocalStackProcess.start(dataDir, insurer.lindungEnvironment());
  try {
    const read = await approvedProposal(stack, 'load-read', '3671', READ_PEOPLE, log);
    const admin = await stack.token('bench-admin', ['admin'], '3674');
    const readRun = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId: read.proposalId });
    await runEnd(stack.apiUrl, admin, readRun.runId, () => undefined);
    const targets: ReadTargets = { regulationId: 'load-read', importId: read.imported.importId, proposalId: read.proposalId, runId: readRun.runId };
    const enroll = await approvedProposal(stack, 'load-enroll', '3674', people, log);
    await applyTangselRegulation(stack, 'load-import');
    const rosterFile = path.join(work, 'roster.csv');
    await writeTangselRoster(rosterFile, people, '3603');
    const tokens = await Promise.all(
      Array.from({ length: options.clients }, (_, i) => stack.token(`load-client-${i}`, [CLIENT_ROLES[i % CLIENT_ROLES.length]!], '3674')),
    );

    log(`load: ${options.clients} clients for ${options.seconds} s, while ${people} people are imported and ${people} enrolled through a crash`);
    const started = performance.now();
    const elapsed = () => round((performance.now() - started) / 1000);
    const progress = (line: string) => log(`  ${elapsed().toFixed(1)} s: ${line}`);
    // The kill: set just before it, `stackDown` cleared once the restarted stack is ready; `back` settles either way.
    const crash = { killed: false, stackDown: false, killedAtSeconds: 0, downSeconds: 0 };
    let markBack: () => void = () => undefined;
    const back = new Promise<void>((resolve) => (markBack = resolve));
    const clients = runLoadClients({ apiUrl: stack.apiUrl, tokens, seconds: options.seconds, mix: () => readMix(targets), isDown: () => crash.stackDown, log: progress });

    const importing = (async () => {
      progress(`import ${people} people into load-import`);
      let resumed = false;
      let imported;
      try {
        imported = await importRoster(stack, 'load-import', rosterFile);
      } catch (error) {
        if (!crash.killed) throw error;
        await back;
        // As an operator would: the interrupted import from the regulation's list, sent again with --resume.
        const { imports } = await call(stack.apiUrl, admin, 'GET', '/regulations/load-import/imports');
        progress(`the import was interrupted (${(error as Error).message}): resume ${imports[0].importId}`);
        imported = await importRoster(stack, 'load-import', rosterFile, imports[0].importId);
        resumed = true;
      }
      progress(`the import ended ${imported.status}, ${imported.accepted} accepted`);
      return { status: imported.status, accepted: imported.accepted, resumed, endedAtSeconds: elapsed() };
    })();

    const enrolling = (async () => {
      const run = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId: enroll.proposalId });
      targets.liveRunId = run.runId;
      progress(`run ${run.runId} started for ${people} people`);
      const atKill = await runUntil(stack.apiUrl, admin, run.runId, (status) => status.counts.enrolled >= people * KILL_AT_SHARE);
      if (atKill.status !== 'running') throw new Error(`the run ended ${atKill.status} before the crash`);
      progress(`${atKill.counts.enrolled} enrolled: kill the stack`);
      crash.killed = true;
      crash.stackDown = true;
      crash.killedAtSeconds = elapsed();
      try {
        await stack.kill();
        stack = await stack.restart();
        crash.stackDown = false;
      } finally {
        crash.downSeconds = round(elapsed() - crash.killedAtSeconds);
        markBack();
      }
      progress(`the stack is back after ${crash.downSeconds.toFixed(1)} s; the admin starts the run again`);
      // How long a restart takes varies with the machine's load; the report says whether reads of the restarted stack were measured.
      if (elapsed() > options.seconds) progress('the stack came back after the window closed: no reads of the restarted stack were measured');
      const again = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId: enroll.proposalId });
      if (again.runId !== run.runId) throw new Error(`starting again made another run: ${again.runId}, not ${run.runId}`);
      const ended = await runEnd(stack.apiUrl, admin, run.runId, progress);
      progress(`the run ended ${ended.status}, ${ended.counts.enrolled} of ${ended.counts.planned} enrolled`);
      return {
        status: ended.status as string,
        planned: ended.counts.planned as number,
        enrolled: ended.counts.enrolled as number,
        failed: ended.counts.failed as number,
        enrolledAtKill: atKill.counts.enrolled as number,
        endedAtSeconds: elapsed(),
      };
    })();

    const [record, imported, enrolled] = await Promise.allSettled([clients, importing, enrolling]);
    if (record.status === 'rejected') throw record.reason;
    const load = summary(record.value, options.seconds);
    const outcome = <T>(result: PromiseSettledResult<T>) => (result.status === 'fulfilled' ? result.value : { failure: String(result.reason) });
    const importDone = imported.status === 'fulfilled' && imported.value.status === 'completed' && imported.value.accepted === people;
    const runDone = enrolled.status === 'fulfilled' && enrolled.value.status === 'completed' && enrolled.value.enrolled === enrolled.value.planned;
    return {
      scenario: 'load',
      people,
      clients: options.clients,
      seconds: options.seconds,
      ...load,
      killedAtSeconds: crash.killedAtSeconds,
      downSeconds: crash.downSeconds,
      backAtSeconds: round(crash.killedAtSeconds + crash.downSeconds),
      unavailableMeans: 'connections refused or reset while the stack was killed and restarting: no HTTP answer, so not errors; the clients wait 250 ms and go on',
      import: outcome(imported),
      run: outcome(enrolled),
      passed: load.errors === 0 && importDone && runDone,
    };
  } finally {
    await stack.stop();
    insurer.stop();
    rmSync(work, { recursive: true, force: true });
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
