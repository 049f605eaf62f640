import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { uploadRoster } from '../../cli/roster-upload';
import { LocalStack } from '../../infra/local/local-stack';
import { synthesizeTemplate } from '../../infra/synthesize';
import { writeSyntheticRoster } from '../lib/synthetic-roster';
import { measureFloor } from './floor';
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
 * `npm run bench -- import --people N`: imports a synthetic roster of N people (3% bad rows)
 * through the API exactly as `lindung roster import` does, next to the raw floor measured on the
 * same DynamoDB Local in the same run.
 */
export async function importScenario(people: number, log: (line: string) => void) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-data-'));
  const stack = await LocalStack.start({
    template: synthesizeTemplate({ bundle: false }),
    dataDir,
    inMemory: true,
    environment: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR' },
  });
  const work = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-'));
  try {
    const file = path.join(work, 'roster.csv');
    const generated = await writeSyntheticRoster(file, { segments: tangselSegments(people), regionCode: '3674', seed: 42 });
    log(`roster: ${generated.rows} rows (${generated.bad} bad), ${(statSync(file).size / 1e6).toFixed(1)} MB CSV`);

    const api = { api: stack.apiUrl, token: await stack.token('bench-admin', ['admin']) };
    const regulation = { ...parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8')), id: 'bench-tangsel' };
    await fetch(`${stack.apiUrl}/regulations/${regulation.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(regulation),
    });

    // An item the size of a roster entry, under keys no import uses.
    const sample = {
      nik: '3674011001900001', year: 2027, regulationId: 'bench-tangsel', segment: 'KADER_KESEHATAN', priority: 6,
      importId: 'imp-20261121-000000000000', row: 123456, name: 'Siti Rahayu', birthDate: '1990-01-10', gender: 'P',
      address: 'Jl. Merpati No. 12 RT 003 RW 004', kelurahan: 'Pondok Aren', kecamatan: 'Pondok Aren', phone: '081234567890',
      updatedAt: '2026-11-21T00:00:00.000Z', gsi1pk: 'ROSTER#bench-tangsel#2027#B07', gsi1sk: 'KADER_KESEHATAN#3674011001900001',
    };
    log('floor: BatchWriteItem, one roster-sized item per person');
    const floor = await measureFloor({
      dynamoDbEndpoint: stack.dynamoDbEndpoint,
      table: stack.tableName('DataMain'),
      people,
      item: (i) => ({ ...sample, pk: `FLOOR#${i}`, sk: 'COVER#2027' }),
      log,
    });
    log(`floor: ${floor.seconds.toFixed(1)} s at concurrency ${floor.concurrency}`);

    log('import: check file, upload chunks, workflow');
    const started = performance.now();
    const status = await uploadRoster(
      api,
      { regulationId: regulation.id, file, coverageStart: '2027-01-01' },
      { phase: (name) => (log(`  ${((performance.now() - started) / 1000).toFixed(1)} s: ${name}`), { update: () => undefined, stop: () => undefined }) },
    );
    const seconds = (performance.now() - started) / 1000;
    if (status.status !== 'completed') throw new Error(`the import ended ${status.status}: ${status.failure}`);
    log(`import: ${seconds.toFixed(1)} s, ${status.accepted} accepted, ${status.rejected} rejected`);
    const javaPid = Number(readFileSync(path.join(dataDir, 'dynamodb.pid'), 'utf8'));
    return {
      scenario: 'import',
      people,
      seconds: round(seconds),
      floorSeconds: round(floor.seconds),
      ratio: round(seconds / floor.seconds),
      peakRssMb: peakRssMb(),
      rowsPerSecond: Math.round(people / seconds),
      accepted: status.accepted,
      rejected: status.rejected,
      floorConcurrency: floor.concurrency,
      dynamoDbLocalPeakRssMb: peakRssMbOf(javaPid),
    };
  } finally {
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
