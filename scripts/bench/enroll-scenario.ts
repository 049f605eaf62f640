import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalStack } from '../../infra/local/local-stack';
import { usageDelta } from '../../infra/local/usage-meter';
import { synthesizeTemplate } from '../../infra/synthesize';
import { call } from './api-call';
import { approvedProposal } from './approved-proposal';
import { measureFloor } from './floor';
import { InsurerProcess } from './insurer-process';
import { cpuMeter } from './cpu-time';
import { freshTables } from './fresh-tables';
import { highestRunMemory, type PairTiming, round, summarizePairs } from './pairs';
import { peakRssMb, peakRssMbOf, sampleRss } from './peak-memory';
import { usageProfile, writeUsageProfile } from './usage-profile';

export interface EnrollBenchOptions {
  /** Floor/run pairs, each on fresh tables (default 3). */
  pairs?: number;
  /** Insurer faults of the second figure (LINDUNG_INSURER_FAULTS syntax); none: no second figure. */
  faults?: string;
  /**
   * Writes the usage profile `lindung cost` estimates from to this file: the meters over the
   * headline run and over a second run with half the people (docs/cost.md).
   */
  profile?: string;
}

/**
 * `npm run bench -- enroll --people N [--pairs P] [--faults 429=0.05,500=0.02,timeout=0.01]`: P
 * times over (3 by default), on fresh tables each time, imports a synthetic roster of N people,
 * has it proposed and approved, measures the raw floor, then times the enrollment run from the
 * start request to its end. Floor and run alternate in one process, so the machine's noise falls
 * on both; the result is the median of the pairs' ratios with their spread (pairs.ts). The
 * insurer simulator runs in its own process at zero latency and without faults; with --faults, a
 * second roster of the same size is enrolled with the insurer flaky, after the pairs.
 */
export async function enrollScenario(people: number, log: (line: string) => void, options: EnrollBenchOptions = {}) {
  const pairCount = options.pairs ?? 3;
  const insurer = await InsurerProcess.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-enroll-'));
  const stack = await LocalStack.start({
    template: synthesizeTemplate({ bundle: false }),
    dataDir,
    inMemory: true,
    // Bare DynamoDB requests, as the floor's; a usage profile needs the meter.
    meterDynamoDb: options.profile !== undefined,
    environment: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR', ...insurer.lindungEnvironment() },
  });
  try {
    const timings: (PairTiming & { rssBeforeMb: number; peakRssMb: number })[] = [];
    let floorConcurrency: number | undefined;
    let headline: Awaited<ReturnType<typeof timedRun>> | undefined;
    const javaPid = Number(readFileSync(path.join(dataDir, 'dynamodb.pid'), 'utf8'));
    const processes = { lindung: process.pid, dynamoDbLocal: javaPid, insurer: insurer.pid };
    const cpu: { floor: Record<string, number>; run: Record<string, number> }[] = [];
    for (let pair = 1; pair <= pairCount; pair++) {
      log(`pair ${pair} of ${pairCount}`);
      // The same state for every pair: empty tables, then a roster of the same people under a regulation id not used before.
      if (pair > 1) await freshTables(stack);
      const { proposalId } = await approvedProposal(stack, `bench-tangsel-p${pair}`, '3674', people, log);
      const floorCpu = cpuMeter(processes);
      const floor = await ledgerFloor(stack, people, log, floorConcurrency);
      floorConcurrency = floor.concurrency;
      const runCpu = cpuMeter(processes);
      const floorCpuSeconds = floorCpu.stop();
      headline = await timedRun(stack, proposalId, people, log);
      cpu.push({ floor: floorCpuSeconds, run: runCpu.stop() });
      log(`pair ${pair}: CPU seconds, floor ${JSON.stringify(cpu.at(-1)!.floor)}, run ${JSON.stringify(cpu.at(-1)!.run)}`);
      timings.push({ floorSeconds: floor.seconds, seconds: headline.seconds, rssBeforeMb: headline.rssBeforeMb, peakRssMb: headline.runPeakRssMb });
      log(`pair ${pair}: floor ${floor.seconds.toFixed(1)} s, run ${headline.seconds.toFixed(1)} s, ratio ${(headline.seconds / floor.seconds).toFixed(2)}`);
    }
    const summary = summarizePairs(timings);
    const last = headline!;
    if (options.profile) {
      // A second roster of half the size (other NIKs): with two sizes, per-run usage is told apart from per-person usage.
      const baselinePeople = Math.round(people / 2);
      const baseline = await timedRun(stack, (await approvedProposal(stack, 'bench-tangsel-half', '3671', baselinePeople, log)).proposalId, baselinePeople, log);
      const profile = usageProfile(last.usage, people, {
        workflow: 'Enrollment run',
        command: `npm run bench -- enroll --people ${people} --profile ${options.profile}`,
        seconds: last.seconds,
        baseline: { delta: baseline.usage, people: baselinePeople },
      });
      writeUsageProfile(profile, options.profile);
      log(`profile: ${options.profile}, per person ${JSON.stringify(profile.perPerson)}`);
    }
    let withFaults: Record<string, unknown> | undefined;
    if (options.faults) {
      // A second roster of the same size (other NIKs) through the same stack, the insurer flaky.
      const { proposalId: second } = await approvedProposal(stack, 'bench-tangsel-faults', '3603', people, log);
      await insurer.setFaults(options.faults);
      const faulty = await timedRun(stack, second, people, log);
      withFaults = { faults: options.faults, seconds: faulty.seconds, ratio: round(faulty.seconds / summary.floorSeconds), enrolled: faulty.enrolled, failed: faulty.failed };
    }
    return {
      scenario: 'enroll',
      people,
      seconds: summary.seconds,
      floorSeconds: summary.floorSeconds,
      ratio: summary.ratio,
      ratioMin: summary.ratioMin,
      ratioMax: summary.ratioMax,
      pairs: summary.pairs.map((pair, i) => ({ ...pair, rssBeforeRunMb: timings[i]!.rssBeforeMb, runPeakRssMb: timings[i]!.peakRssMb, cpuSeconds: cpu[i] })),
      peakRssMb: peakRssMb(),
      // The run's own memory: before → peak of the pair that peaked highest.
      ...highestRunMemory(timings),
      peoplePerSecond: Math.round(people / summary.seconds),
      enrolled: last.enrolled,
      floorConcurrency,
      dynamoDbLocalPeakRssMb: peakRssMbOf(javaPid),
      ...(withFaults ? { withFaults } : {}),
    };
  } finally {
    await stack.stop();
    insurer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Times one enrollment run from the start request to its end. */
async function timedRun(stack: LocalStack, proposalId: string, people: number, log: (line: string) => void) {
  log(`enroll: ${people} people`);
  const admin = await stack.token('bench-admin', ['admin'], '3674');
  const usageBefore = stack.usage();
  const started = performance.now();
  const run = await call(stack.apiUrl, admin, 'POST', '/enrollment-runs', { proposalId });
  let status = run;
  let lastTenth = -1;
  // The process also held the import and the floor: the run's own memory is sampled while it runs.
  const memory = sampleRss();
  while (status.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = await call(stack.apiUrl, admin, 'GET', `/enrollment-runs/${run.runId}`);
    const tenth = Math.floor(((status.counts.enrolled + status.counts.failed) / people) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      log(`  ${((performance.now() - started) / 1000).toFixed(1)} s: ${status.counts.enrolled} enrolled, ${status.counts.failed} failed`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const { beforeMb: rssBeforeMb, peakMb: runPeakRssMb } = memory.stop();
  if (status.status === 'failed') throw new Error(`the run failed: ${status.failure}`);
  log(`enroll: ${seconds.toFixed(1)} s, ${status.status}, ${status.counts.enrolled} enrolled, ${status.counts.failed} failed`);
  const usage = usageDelta(usageBefore, stack.usage());
  return { seconds: round(seconds), enrolled: status.counts.enrolled as number, failed: status.counts.failed as number, usage, rssBeforeMb, runPeakRssMb };
}

/** One ledger-entry-sized item per person with plain BatchWriteItem: the floor. */
async function ledgerFloor(stack: LocalStack, people: number, log: (line: string) => void, concurrency?: number) {
  const sample = {
    nik: '3674011001900001', year: 2027, regulationId: 'bench-tangsel', proposalId: 'bp-2027-0123456789ab', runId: 'run-2027-0123456789ab',
    attempt: 1, segment: 'KADER_KESEHATAN', name: 'Siti Rahayu', programs: ['JKK', 'JKM'], status: 'enrolled', kpj: '10000000001',
    coverageStart: '2027-01-01', coverageEnd: '2027-12-31', amount: 201600, updatedAt: '2026-11-21T00:00:00.000Z',
    gsi1pk: 'ENROLL#bench-tangsel#2027#B07', gsi1sk: 'enrolled#3674011001900001',
  };
  log('floor: BatchWriteItem, one ledger-entry-sized item per person');
  const floor = await measureFloor({
    dynamoDbEndpoint: stack.dynamoDbEndpoint,
    table: stack.tableName('DataMain'),
    people,
    item: (i) => ({ ...sample, pk: `FLOOR#${i}`, sk: 'ENROLL#2027' }),
    log,
    ...(concurrency ? { concurrency } : {}),
  });
  log(`floor: ${floor.seconds.toFixed(1)} s at concurrency ${floor.concurrency}`);
  return floor;
}

