import { beforeAll, describe, expect, it } from 'vitest';
import { nikBucket } from '../../shared/core/people/nik-bucket';
import type { RosterEntry } from '../../shared/core/roster/roster-entry';
import type { RosterPage, SegmentMember } from '../../shared/core/roster/roster-ledger';
import { useLocalTables } from '../support/local-tables';

/**
 * The packed people a roster writer keeps (packed-people.ts) list a bucket exactly as its entries
 * do, page by page, across pack boundaries and generations. Names of 3,000 two-byte characters make each
 * pack hold about 33 people, so a few hundred people span several packs. The year is one no
 * other test writes, and the regulation id is this file's own.
 */
const YEAR = 2041;
const REGULATION = 'perwal-paket-orang';
const SEGMENTS = ['KADER', 'KADER_2', 'LINMAS'];

let ledger: Awaited<ReturnType<typeof modules>>['ledger'];
let write: Awaited<ReturnType<typeof modules>>['write'];
let remove: Awaited<ReturnType<typeof modules>>['remove'];
let packKeys: Awaited<ReturnType<typeof modules>>['packKeys'];

async function modules() {
  await useLocalTables();
  const [{ DynamoDbRosterLedger }, { rosterEntryItem }, { batchWrite }, { documentClient }, { rosterKeys }, { QueryCommand, DeleteCommand }] = await Promise.all([
    import('../../shared/adapters/dynamodb/dynamodb-roster-ledger'),
    import('../../shared/adapters/dynamodb/roster-entry-items'),
    import('../../shared/adapters/dynamodb/batch-operations'),
    import('../../shared/adapters/dynamodb/document-client'),
    import('../../shared/adapters/dynamodb/roster-keys'),
    import('@aws-sdk/lib-dynamodb'),
  ]);
  const table = process.env.MAIN_TABLE!;
  return {
    ledger: new DynamoDbRosterLedger(),
    write: (entries: RosterEntry[]) => batchWrite(table, entries.map((entry) => ({ PutRequest: { Item: rosterEntryItem(entry) } }))),
    remove: (key: Record<string, unknown>) => documentClient.send(new DeleteCommand({ TableName: table, Key: key })).then(() => undefined),
    packKeys: async (bucket: number) => {
      const { Items = [] } = await documentClient.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': rosterKeys.packedPeople(REGULATION, YEAR, bucket) }, ProjectionExpression: 'sk' }));
      return Items.map((item) => item.sk as string);
    },
  };
}

/** Person `i`: district 63 of Tangsel (3674), so no other test's NIK; names long enough to fill packs fast. */
function entry(i: number, segment: string): RosterEntry {
  const nik = `367463${String(100_000 + i).padStart(10, '0')}`;
  return {
    nik, year: YEAR, regulationId: REGULATION, segment, priority: 1, importId: 'packed-test', row: i + 2,
    name: `Warga ${i} ${'ā'.repeat(3_000)}`, birthDate: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`, gender: i % 2 ? 'L' : 'P', updatedAt: '2026-07-01T00:00:00.000Z',
  };
}

/** Every person of a bucket by the ledger's pages of `limit`, following `after` as a caller does. */
async function listAll(bucket: number, limit: number, segment?: string): Promise<SegmentMember[]> {
  const all: SegmentMember[] = [];
  let after: RosterPage['after'];
  for (;;) {
    const page = await ledger.bucketPeopleAsRefreshed(REGULATION, YEAR, bucket, { limit, ...(segment ? { segment } : {}), ...(after ? { after } : {}) });
    expect(page.people.length).toBeLessThanOrEqual(limit);
    all.push(...page.people);
    if (!page.more) return all;
    const last = page.people.at(-1)!;
    after = { segment: last.segment, nik: last.nik };
  }
}

/** What the entries say a bucket holds, in segment and NIK order. */
const expected = (entries: RosterEntry[], bucket: number, segment?: string): SegmentMember[] =>
  entries
    .filter((e) => nikBucket(e.nik) === bucket && (segment === undefined || e.segment === segment))
    .sort((a, b) => (a.segment === b.segment ? a.nik.localeCompare(b.nik) : a.segment < b.segment ? -1 : 1))
    .map(({ nik, name, birthDate, gender, segment }) => ({ nik, name, birthDate, gender, segment }));

describe('packed people', () => {
  let entries: RosterEntry[];
  let bucket: number;

  beforeAll(async () => {
    ({ ledger, write, remove, packKeys } = await modules());
    entries = Array.from({ length: 6_000 }, (_, i) => entry(i, SEGMENTS[i % 3]!));
    // The bucket of the first person, with the ~190 people of 6,000 that fall in it.
    bucket = nikBucket(entries[0]!.nik);
    entries = entries.filter((e) => nikBucket(e.nik) === bucket);
    await write(entries);
  }, 120_000);

  it('lists a bucket as its entries do, before and after its writer packs it, across packs and pages', async () => {
    // No packs yet: read from the entries.
    expect(await listAll(bucket, 37)).toEqual(expected(entries, bucket));
    await ledger.refreshBucketViews(REGULATION, YEAR, bucket);
    const packs = await packKeys(bucket);
    expect(packs.length).toBeGreaterThan(SEGMENTS.length);
    expect(new Set(packs.map((sk) => sk.split('#')[0])).size).toBe(1);
    for (const limit of [1, 37, 130, 10_000]) expect(await listAll(bucket, limit)).toEqual(expected(entries, bucket));
    for (const segment of SEGMENTS) expect(await listAll(bucket, 50, segment)).toEqual(expected(entries, bucket, segment));
    // KADER_2 sorts after KADER, as its packs' keys do.
    expect([...new Set((await listAll(bucket, 500)).map((p) => p.segment))]).toEqual(['KADER', 'KADER_2', 'LINMAS']);
  }, 120_000);

  it('follows a refresh: a new generation replaces the old whole, and a page goes on across it', async () => {
    await ledger.refreshBucketViews(REGULATION, YEAR, bucket);
    const before = new Set((await packKeys(bucket)).map((sk) => sk.split('#')[0]));
    expect(before.size).toBe(1);
    const firstPage = await ledger.bucketPeopleAsRefreshed(REGULATION, YEAR, bucket, { limit: 100 });
    // A person moves segment and another joins; the writer refreshes, and the old packs go.
    const moved = { ...entries[0]!, segment: 'LINMAS' };
    const joiner = entry(9_999_001, 'KADER');
    await remove({ pk: `PERSON#${entries[0]!.nik}`, sk: `COVER#${YEAR}` });
    await write([moved, ...(nikBucket(joiner.nik) === bucket ? [joiner] : [])]);
    const now = [moved, ...entries.slice(1), ...(nikBucket(joiner.nik) === bucket ? [joiner] : [])];
    await ledger.refreshBucketViews(REGULATION, YEAR, bucket);
    const after = new Set((await packKeys(bucket)).map((sk) => sk.split('#')[0]));
    expect(after.size).toBe(1);
    expect([...after][0]! > [...before][0]!).toBe(true);
    const last = firstPage.people.at(-1)!;
    const rest = await ledger.bucketPeopleAsRefreshed(REGULATION, YEAR, bucket, { limit: 10_000, after: { segment: last.segment, nik: last.nik } });
    const inOrder = expected(now, bucket);
    const from = inOrder.findIndex((p) => p.segment > last.segment || (p.segment === last.segment && p.nik > last.nik));
    expect(rest.people).toEqual(inOrder.slice(from));
    // The ages follow too.
    const profile = await ledger.ageProfile(REGULATION, YEAR);
    expect(Object.values(profile.LINMAS ?? {}).reduce((a, b) => a + b, 0)).toBe(now.filter((e) => e.segment === 'LINMAS').length);
  }, 120_000);

  it('reads the entries again once the marker is taken away, by a writer starting or a life event', async () => {
    await remove({ pk: `PERSON#${entries[1]!.nik}`, sk: `COVER#${YEAR}` });
    // Still packed: the packs hold the person, as the writer left them.
    expect((await listAll(bucket, 1_000)).map((p) => p.nik)).toContain(entries[1]!.nik);
    // What a writer does before its first write (a life event's drop does the same in its
    // transaction): the marker goes, and with it the packs' and ages' authority.
    await ledger.markBucketViewsStale(REGULATION, YEAR, bucket);
    expect(await packKeys(bucket)).not.toEqual([]);
    const listed = await listAll(bucket, 1_000);
    expect(listed.map((p) => p.nik)).not.toContain(entries[1]!.nik);
    const profile = await ledger.ageProfile(REGULATION, YEAR);
    expect(Object.values(profile).flatMap((counts) => Object.values(counts)).reduce((a, b) => a + b, 0)).toBe(listed.length);
  }, 120_000);
});
