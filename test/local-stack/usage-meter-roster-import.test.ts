import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uploadRoster } from '../../cli/roster-upload';
import { LocalStack } from '../../infra/local/local-stack';
import { usageDelta } from '../../infra/local/usage-meter';
import { synthesizeTemplate } from '../../infra/synthesize';
import { usageProfile } from '../../scripts/bench/usage-profile';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';

/**
 * The meters on the real Lindung template: a short roster import through the API, as `lindung
 * roster import` does it, must show usage that the design's own shape explains.
 */
let dataDir: string;
let stack: LocalStack;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-usage-import-'));
  stack = await LocalStack.start({ template: synthesizeTemplate({ bundle: false }), dataDir, inMemory: true, environment: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('meters a roster import: a transition per state and shard, a write unit and an index write per person stored, every request', async () => {
  const token = await stack.token('meter-admin', ['admin'], '3674');
  const regulation = { ...parse(readFileSync('examples/perwal-tangsel-25-2019.yaml', 'utf8')), id: 'meter-tangsel' };
  const applied = await fetch(`${stack.apiUrl}/regulations/${regulation.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(regulation),
  });
  expect(applied.status).toBeLessThan(300);
  const file = path.join(dataDir, 'roster.csv');
  await writeSyntheticRoster(file, { segments: { KETUA_RT: 150, KADER_KESEHATAN: 150 }, regionCode: '3674', seed: 7, badShare: 0 });

  const before = stack.usage();
  const status = await uploadRoster(
    { api: stack.apiUrl, token },
    { regulationId: regulation.id, file, coverageStart: '2027-01-01' },
    { phase: () => ({ update: () => undefined, stop: () => undefined }) },
  );
  expect(status.status).toBe('completed');
  const delta = usageDelta(before, stack.usage());

  const [importId, workflow] = Object.entries(delta.stateMachines).find(([id]) => id.startsWith('RosterImport'))!;
  const shards = workflow.maps.ProcessShards!.iterations;
  expect(shards).toBeGreaterThan(1);
  // PlanShards, ProcessShards, a ProcessShard per shard, FinalizeImport: each entered once, retries on top.
  expect(workflow.executions).toBe(1);
  expect(workflow.transitions).toBe(3 + shards + workflow.retries);

  const shardFunction = Object.entries(delta.functions).find(([id]) => id.startsWith('RosterImportProcessShard'))![1];
  expect(shardFunction.invocations).toBe(shards + workflow.retries);
  expect(shardFunction.memoryMb).toBe(1024);
  expect(shardFunction.megabyteMs).toBe(shardFunction.billedMs * 1024);
  expect(workflow.maps.ProcessShards!.functions).toEqual([Object.keys(delta.functions).find((id) => id.startsWith('RosterImportProcessShard'))]);

  const main = delta.tables[stack.tableName('DataMain')]!;
  // Every accepted person is stored with the roster index's keys: at least a write and an index write each.
  expect(status.accepted).toBe(300);
  expect(main.writeRequestUnits).toBeGreaterThanOrEqual(2 * status.accepted);
  expect(main.readRequestUnits).toBeGreaterThan(0);
  // The hottest keys of the run: the import's record, updated by every shard, and the roster's
  // age counts, which each shard writes once per segment it holds (docs/simulation.md).
  expect(main.hotPartitions.slice(0, 2).map((p) => p.key).sort()).toEqual([`AGES#${regulation.id}#2027`, `IMPORT#${status.importId}`]);
  // Its audit events are written in the same transactions as the changes.
  expect(delta.tables[stack.tableName('DataAudit')]!.writeRequestUnits).toBeGreaterThanOrEqual(2);
  // Create, at least one chunk, complete, and status polls; the create went through idempotency.
  expect(delta.httpApi.requests).toBeGreaterThanOrEqual(4);
  expect(delta.tables[stack.tableName('DataIdempotency')]!.writeRequestUnits).toBeGreaterThan(0);

  const profile = usageProfile(delta, status.accepted, { workflow: 'Roster import', command: 'test', date: '2026-11-21', gitCommit: 'test000' });
  expect(profile.map).toMatchObject({ stateMachine: importId, state: 'ProcessShards', iterations: shards, maxConcurrency: 4, distributed: false });
  expect(profile.perPerson.writeRequestUnits).toBeGreaterThanOrEqual(2);
  expect(profile.perPerson.lambdaGbSeconds).toBeGreaterThan(0);
  expect(profile.functions[Object.keys(delta.functions).find((id) => id.startsWith('RosterImportProcessShard'))!]!.role).toBe('map');
});
