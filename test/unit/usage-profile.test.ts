import { describe, expect, it } from 'vitest';
import { HeavyHitters } from '../../infra/local/heavy-hitters';
import type { UsageSnapshot } from '../../infra/local/usage-meter';
import { usageProfile } from '../../scripts/bench/usage-profile';

describe('HeavyHitters', () => {
  it('keeps every key heavier than total / (capacity + 1) among a million one-off keys, with a lower-bound count', () => {
    const summary = new HeavyHitters(64);
    let total = 0;
    for (let i = 0; i < 1_000_000; i++) {
      summary.add(`PERSON#${i}`);
      total += 1;
      if (i % 50 === 0) {
        summary.add('RUN#r1', 2);
        total += 2;
      }
    }
    const [top] = summary.top(1);
    expect(top!.key).toBe('RUN#r1');
    // True weight 40,000; the summary may undercount by at most total / 65.
    expect(top!.count).toBeLessThanOrEqual(40_000);
    expect(top!.count).toBeGreaterThanOrEqual(40_000 - total / 65);
  });

  it('counts exactly while the keys fit', () => {
    const summary = new HeavyHitters(4);
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) summary.add(key);
    expect(summary.top(2)).toEqual([
      { key: 'a', count: 3 },
      { key: 'b', count: 2 },
    ]);
  });
});

/** What the meters would report for a run of `people` people: 67 transitions, per-person work. */
function runDelta(people: number): UsageSnapshot {
  const shardMs = 40 * people + 3000;
  return {
    stateMachines: {
      Run: {
        executions: 1,
        transitions: 67,
        retries: 0,
        functions: ['Plan', 'Shard', 'Finish'],
        maps: { EnrollShards: { iterations: 32, maxConcurrency: 8, distributed: true, functions: ['Shard'] } },
      },
      Other: { executions: 0, transitions: 0, retries: 0, functions: ['Unused'], maps: {} },
    },
    functions: {
      Plan: { invocations: 1, errors: 0, billedMs: 20, memoryMb: 512, megabyteMs: 20 * 512, outboundRequests: 0 },
      Shard: { invocations: 32, errors: 0, billedMs: shardMs, memoryMb: 1024, megabyteMs: shardMs * 1024, outboundRequests: people / 100 },
      Finish: { invocations: 1, errors: 0, billedMs: 100, memoryMb: 512, megabyteMs: 100 * 512, outboundRequests: 0 },
      Status: { invocations: 5, errors: 0, billedMs: 250, memoryMb: 512, megabyteMs: 250 * 512, outboundRequests: 0 },
      Unused: { invocations: 0, errors: 0, billedMs: 0, memoryMb: 512, megabyteMs: 0, outboundRequests: 0 },
    },
    tables: {
      Main: {
        requests: 10 + people,
        readRequestUnits: 0.5 * people + 3,
        writeRequestUnits: 6 * people + 10,
        failedConditionalWrites: 0,
        hotPartitions: [
          { key: 'RUN#r1', writeUnits: people / 25 },
          { key: 'gsi1:ROSTER#B01', writeUnits: people / 40 },
        ],
      },
    },
    httpApi: { requests: 6, meteredRequests: 6 },
  };
}

const meta = { workflow: 'Enrollment run', command: 'npm run bench -- enroll --people 2000', date: '2026-11-21', gitCommit: 'abcdef012345' };

describe('usageProfile', () => {
  it('counts everything per person when it has one run, and classifies the functions', () => {
    const profile = usageProfile(runDelta(2000), 2000, meta);
    expect(profile.fixed).toEqual({ transitions: 0, lambdaInvocations: 0, lambdaMegabyteMs: 0, readRequestUnits: 0, writeRequestUnits: 0, httpApiRequests: 0, insurerRequests: 0 });
    expect(profile.scaling).toEqual({
      people: 2000,
      totals: {
        transitions: 67,
        lambdaInvocations: 39,
        lambdaMegabyteMs: (20 + 100 + 250) * 512 + 83_000 * 1024,
        readRequestUnits: 1003,
        writeRequestUnits: 12_010,
        httpApiRequests: 6,
        insurerRequests: 20,
      },
    });
    expect(profile.perPerson).toMatchObject({ transitions: 0.0335, writeRequestUnits: 6.005, insurerRequests: 0.01 });
    expect(Object.fromEntries(Object.entries(profile.functions).map(([id, fn]) => [id, fn.role]))).toEqual({
      Plan: 'workflow',
      Shard: 'map',
      Finish: 'workflow',
      Status: 'api',
    });
    expect(profile.map).toEqual({ stateMachine: 'Run', state: 'EnrollShards', iterations: 32, maxConcurrency: 8, distributed: true });
    expect(profile.hotPartition).toEqual({ table: 'Main', key: 'RUN#r1', writeUnits: 80 });
    expect(profile.measured).toEqual({ command: meta.command, people: 2000, date: '2026-11-21', gitCommit: 'abcdef012345' });
  });

  it('separates per-run from per-person usage with a smaller baseline run', () => {
    const profile = usageProfile(runDelta(20_000), 20_000, { ...meta, baseline: { delta: runDelta(2000), people: 2000 } });
    expect(profile.measured.baselinePeople).toBe(2000);
    expect(profile.scaling.people).toBe(18_000);
    expect(profile.fixed).toMatchObject({ transitions: 67, lambdaInvocations: 39, httpApiRequests: 6, readRequestUnits: 3, writeRequestUnits: 10, insurerRequests: 0 });
    expect(profile.scaling.totals).toMatchObject({ transitions: 0, lambdaInvocations: 0, readRequestUnits: 9000, writeRequestUnits: 108_000, insurerRequests: 180 });
    expect(profile.functions.Shard).toEqual({
      memoryMb: 1024,
      role: 'map',
      fixed: { invocations: 32, billedMs: 3000, outboundRequests: 0 },
      scaling: { invocations: 0, billedMs: 720_000, outboundRequests: 180 },
    });
    expect(profile.hotPartition).toEqual({ table: 'Main', key: 'RUN#r1', writeUnits: 720 });
  });

  it('refuses a baseline that is not smaller than the run', () => {
    expect(() => usageProfile(runDelta(2000), 2000, { ...meta, baseline: { delta: runDelta(2000), people: 2000 } })).toThrow('the baseline must have fewer people');
  });
});
