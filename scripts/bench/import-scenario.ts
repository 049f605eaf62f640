import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { uploadRoster } from '../../cli/roster-upload';
import { writeSyntheticRoster } from '../lib/synthetic-roster';
import { call } from './api-call';
import { startBenchStack } from './bench-stack';
import { freshTables } from './fresh-tables';
import { measureFloor } from './floor';
import { type PairTiming, summarizePairs } from './pairs';
import { measuredPhase } from './measured-phase';
import { peakRssMb, peakRssMbOf } from './peak-memory';

const TANGSEL_SHARES: Record<string, number> = {
  KETUA_RT: 3844,
  KETUA_RW: 735,
  GURU_MENGAJI: 2285,
  MARBOT: 450,
  AMIL_JENAZAH: 375,
  KADER_KESEHATAN: 5257,
};

/** Splits `people` over the Tangsel segments in the seed's proportions. */
export function tangselSegments(people: number): Record<string, number> {
  const total = Object.values(TANGSEL_SHARES).reduce((a, b) => a + b, 0);
  const segments = Object.fromEntries(Object.entries(TANGSEL_SHARES).map(([code, n]) => [code, Math.floor((people * n) / total)]));
  segments.KADER_KESEHATAN! += people - Object.values(segments).reduce((a, b) => a + b, 0);
  return segments;
}

/**
 * `npm run bench -- import --people N [--pairs P]`: a synthetic roster of N people (3% bad rows),
 * then P times over (3 by default), on fresh tables each time: the raw floor, and the roster
 * imported through the API exactly as `lindung roster import` does. Floor and import alternate in
 * one process, so the machine's noise falls on both; the result is the median of the pairs'
 * ratios with their spread (pairs.ts), and the import's own memory (the process's RSS before it
 * and its peak during it).
 */
export async function importScenario(people: number, log: (line: string) => void, options: { pairs?: number } = {}) {
  const pairCount = options.pairs ?? 3;
  const { stack, dynamoDbLocalPid: javaPid, stop } = await startBenchStack('import');
  const work = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-'));
  try {
    const file = path.join(work, 'roster.csv');
    const generated = await writeSyntheticRoster(file, { segments: tangselSegments(people), regionCode: '3674', seed: 42 });
    log(`roster: ${generated.rows} rows (${generated.bad} bad), ${(statSync(file).size / 1e6).toFixed(1)} MB CSV`);

    const api = { api: stack.apiUrl, token: await stack.token('bench-admin', ['admin'], '3674') };
    const example = parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8'));
    // An item the size of a roster entry, under keys no import uses.
    const sample = {
      nik: '3674011001900001', year: 2027, regulationId: 'bench-tangsel', segment: 'KADER_KESEHATAN', priority: 6,
      importId: 'imp-20261121-000000000000', row: 123456, name: 'Siti Rahayu', birthDate: '1990-01-10', gender: 'P',
      address: 'Jl. Merpati No. 12 RT 003 RW 004', kelurahan: 'Pondok Aren', kecamatan: 'Pondok Aren', phone: '081234567890',
      updatedAt: '2026-11-21T00:00:00.000Z', gsi1pk: 'ROSTER#bench-tangsel#2027#B07', gsi1sk: 'KADER_KESEHATAN#3674011001900001',
    };

    const timings: (PairTiming & { rssBeforeMb: number; peakRssMb: number })[] = [];
    let floorConcurrency: number | undefined;
    let last: { accepted: number; rejected: number } | undefined;
    const processes = { lindung: process.pid, dynamoDbLocal: javaPid };
    const cpu: { floor: Record<string, number>; import: Record<string, number> }[] = [];
    for (let pair = 1; pair <= pairCount; pair++) {
      log(`pair ${pair} of ${pairCount}`);
      // The same state for every pair: empty tables and a regulation id not used before.
      if (pair > 1) await freshTables(stack);
      const regulation = { ...example, id: `bench-tangsel-p${pair}` };
      await call(stack.apiUrl, api.token, 'PUT', `/regulations/${regulation.id}`, regulation);

      log('floor: BatchWriteItem, one roster-sized item per person');
      const floor = await measuredPhase(processes, () =>
        measureFloor({
          dynamoDbEndpoint: stack.dynamoDbEndpoint,
          table: stack.tableName('DataMain'),
          people,
          item: (i) => ({ ...sample, pk: `FLOOR#${i}`, sk: 'COVER#2027' }),
          log,
          ...(floorConcurrency ? { concurrency: floorConcurrency } : {}),
        }),
      );
      floorConcurrency = floor.result.concurrency;
      log(`floor: ${floor.result.seconds.toFixed(1)} s at concurrency ${floorConcurrency}`);

      log('import: check file, upload chunks, workflow');
      // The process also holds the stack and the floor's client: the import's own memory is sampled while it runs.
      const imported = await measuredPhase(processes, () => {
        const started = performance.now();
        return uploadRoster(
          api,
          { regulationId: regulation.id, file, coverageStart: '2027-01-01' },
          { phase: (name) => (log(`  ${((performance.now() - started) / 1000).toFixed(1)} s: ${name}`), { update: () => undefined, stop: () => undefined }) },
        );
      });
      const { result: status, seconds, rssBeforeMb: beforeMb, peakRssMb: peakMb } = imported;
      cpu.push({ floor: floor.cpuSeconds, import: imported.cpuSeconds });
      log(`pair ${pair}: CPU seconds, floor ${JSON.stringify(cpu.at(-1)!.floor)}, import ${JSON.stringify(cpu.at(-1)!.import)}`);
      if (status.status !== 'completed') throw new Error(`the import ended ${status.status}: ${status.failure}`);
      log(`import: ${seconds.toFixed(1)} s, ${status.accepted} accepted, ${status.rejected} rejected, memory ${beforeMb} → ${peakMb} MB`);
      log(`pair ${pair}: floor ${floor.result.seconds.toFixed(1)} s, import ${seconds.toFixed(1)} s, ratio ${(seconds / floor.result.seconds).toFixed(2)}`);
      timings.push({ floorSeconds: floor.result.seconds, seconds, rssBeforeMb: beforeMb, peakRssMb: peakMb });
      last = { accepted: status.accepted, rejected: status.rejected };
    }
    const summary = summarizePairs(timings);
    const highest = timings.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
    return {
      scenario: 'import',
      people,
      seconds: summary.seconds,
      floorSeconds: summary.floorSeconds,
      ratio: summary.ratio,
      ratioMin: summary.ratioMin,
      ratioMax: summary.ratioMax,
      pairs: summary.pairs.map((pair, i) => ({ ...pair, rssBeforeImportMb: timings[i]!.rssBeforeMb, importPeakRssMb: timings[i]!.peakRssMb, cpuSeconds: cpu[i] })),
      peakRssMb: peakRssMb(),
      // The import's own memory: before → peak of the pair that peaked highest.
      rssBeforeImportMb: highest.rssBeforeMb,
      importPeakRssMb: highest.peakRssMb,
      rowsPerSecond: Math.round(people / summary.seconds),
      accepted: last!.accepted,
      rejected: last!.rejected,
      floorConcurrency,
      dynamoDbLocalPeakRssMb: peakRssMbOf(javaPid),
    };
  } finally {
    await stop();
    rmSync(work, { recursive: true, force: true });
  }
}
