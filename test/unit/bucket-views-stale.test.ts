import { describe, expect, it } from 'vitest';
import { processBucket, type ShardPorts } from '../../shared/core/roster/process-bucket';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { tangselRegulation } from '../support/tangsel';
import { tangselNik } from '../support/roster-files';

/**
 * A roster writer marks its bucket's ages and packed people stale before its first write, and
 * refreshes them after its last, so a shard that stops part-way leaves the bucket read from its
 * entries rather than from views of what it held before. The ports are fakes that record the
 * order of calls: a narrow unit edge case (the adapters are tested on DynamoDB Local in
 * test/roster/packed-people.test.ts).
 */

const regulation = tangselRegulation('perwal-bucket-views');

function rows(count: number): AsyncIterable<RawRosterRow> {
  return (async function* () {
    for (let i = 0; i < count; i++) {
      const nik = tangselNik('1980-02-01', 'L', 9_000 + i);
      yield { row: i + 2, values: { nik, name: `Warga ${i}`, birthDate: '01/02/1980', gender: 'L', segment: 'KETUA_RT' } };
    }
  })();
}

function recordingPorts(failOnWrite: boolean): { ports: ShardPorts; calls: string[] } {
  const calls: string[] = [];
  const ports: ShardPorts = {
    roster: {
      entries: async () => new Map(),
      markBucketViewsStale: async () => void calls.push('stale'),
      writeImported: async () => {
        calls.push('write');
        if (failOnWrite) throw new Error('DynamoDB went away');
      },
      refreshBucketViews: async () => void calls.push('refresh'),
    },
    imports: { writeNotices: async () => undefined, saveShardCounts: async () => undefined },
    otherPayerOf: async () => undefined,
  };
  return { ports, calls };
}

const context = { importId: 'imp-views', bucket: 3, regulation, coverageStart: '2027-01-01', updateIdentities: false, openedBy: 'ani', now: new Date('2026-07-01T00:00:00Z'), fresh: true };

describe("an import shard and its bucket's views", () => {
  it('marks them stale before its first write and refreshes them after its last', async () => {
    const { ports, calls } = recordingPorts(false);
    await processBucket(rows(3), ports, context);
    expect(calls[0]).toBe('stale');
    expect(calls.at(-1)).toBe('refresh');
    expect(calls.filter((call) => call === 'write').length).toBeGreaterThan(0);
  });

  it('leaves them stale when it stops part-way', async () => {
    const { ports, calls } = recordingPorts(true);
    await expect(processBucket(rows(3), ports, context)).rejects.toThrow('DynamoDB went away');
    expect(calls).toEqual(['stale', 'write']);
  });
});
