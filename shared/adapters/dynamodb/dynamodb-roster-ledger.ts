import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { now } from '../../core/clock';
import { forEachConcurrently } from '../../lib/for-each-concurrently';
import { type AgeProfile, countInProfile } from '../../core/simulation/age-profile';
import { ALL_NIK_BUCKETS, NIK_BUCKETS } from '../../core/people/nik-bucket';
import type { RosterEntry } from '../../core/roster/roster-entry';
import type { ImportedPage, RenewedPage, RosterLedger, RosterPage, SegmentMember } from '../../core/roster/roster-ledger';
import type { RosterMember } from '../../core/roster/roster-member';
import { batchGet, batchWrite } from './batch-operations';
import { BucketLease, type BucketWriters } from './bucket-lease';
import { documentClient, tableName } from './document-client';
import { rosterEntryItem, rosterEntryOf } from './roster-entry-items';
import { rosterKeys, rosterPartition } from './roster-keys';
import { PeoplePacker, packedPeople } from './packed-people';
import { transactWithAudit } from './transact-with-audit';

/**
 * Imports are the roster's writers: the lease item remembers the first and the latest (roster
 * imports take turns, so that is the whole history). A renewal counts as the latest only, so the
 * next import reads before it writes.
 */
const IMPORT_WRITERS: BucketWriters = { first: 'firstImport', last: 'lastImport' };

/** Entries a renewal reads per page: one round of BatchGets of the other year's entries (100 keys each). */
const BUCKET_PAGE = 500;
/** BatchGets in flight for one page of entries (a renewal's or an import shard's, 500 NIKs): all of it at once. */
const ENTRY_READS_IN_FLIGHT = 5;
/** NIKs a budget's segment walk reads per query: only the NIK is read, so a page is small. */
const NIK_PAGE = 1000;
/** Buckets a whole-roster read queries at a time. */
const BUCKETS_IN_FLIGHT = 8;

/**
 * The roster in the main table (docs/data-model.md): entries keyed by person and year, listed by
 * index gsi1 (`ROSTER#<reg>#<year>#B<bucket>`, `<segment>#<nik>`); replaced entries kept as
 * history; the NIK buckets' leases.
 */
export class DynamoDbRosterLedger implements RosterLedger {
  private readonly table = tableName('MAIN_TABLE');
  private readonly lease = new BucketLease();

  async acquireForImport(year: number, bucket: number, importId: string, realNow: Date): Promise<{ fresh: boolean }> {
    return this.lease.acquire(year, bucket, importId, realNow, IMPORT_WRITERS);
  }

  async acquireForRenewal(year: number, bucket: number, holder: string, realNow: Date): Promise<void> {
    await this.lease.acquire(year, bucket, holder, realNow, { last: IMPORT_WRITERS.last });
  }

  async release(year: number, bucket: number, holder: string): Promise<void> {
    await this.lease.release(year, bucket, holder);
  }

  async entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>> {
    const items = await batchGet(this.table, niks.map((nik) => rosterKeys.entry(nik, year)), ENTRY_READS_IN_FLIGHT);
    return new Map(items.map((item) => [item.nik as string, rosterEntryOf(item)]));
  }

  async *bucketPages(regulationId: string, year: number, bucket: number): AsyncIterable<RosterEntry[]> {
    const pages = paginateQuery({ client: documentClient, pageSize: BUCKET_PAGE }, this.bucketQuery(regulationId, year, bucket));
    for await (const page of pages) if (page.Items?.length) yield page.Items.map(rosterEntryOf);
  }

  async *segmentNiks(regulationId: string, year: number, segment: string, bucket: number): AsyncIterable<string> {
    const pages = paginateQuery({ client: documentClient, pageSize: NIK_PAGE }, { ...this.segmentQuery(regulationId, year, segment, bucket), ProjectionExpression: 'nik' });
    for await (const page of pages) for (const item of page.Items ?? []) yield item.nik as string;
  }

  async bucketPeopleAsRefreshed(regulationId: string, year: number, bucket: number, page: RosterPage): Promise<{ people: SegmentMember[]; more: boolean }> {
    const packed = rosterKeys.packedPeople(regulationId, year, bucket);
    // A generation's packs are deleted only once the marker names another (generations never
    // come back): packs read while the marker named the same generation before and after are whole.
    for (let generation = await this.packedGeneration(regulationId, year, bucket); generation !== undefined; ) {
      const listed = await packedPeople(this.table, packed, generation, page);
      const named = await this.packedGeneration(regulationId, year, bucket);
      if (named === generation) return listed;
      generation = named;
    }
    // A bucket whose packs do not hold (none kept yet, a writer under way, or a life event since): its entries.
    return this.entriesPage(regulationId, year, bucket, page);
  }

  /** The generation of packs the bucket's marker names, if its writer packed it. */
  private async packedGeneration(regulationId: string, year: number, bucket: number): Promise<number | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: rosterKeys.agesMarker(regulationId, year, bucket), ProjectionExpression: 'packedGeneration' }));
    return Item?.packedGeneration as number | undefined;
  }

  async segmentPeople(regulationId: string, year: number, segment: string, bucket: number, afterNik: string | undefined, limit: number): Promise<{ people: RosterMember[]; more: boolean }> {
    const { people, more } = await this.entriesPage(regulationId, year, bucket, { segment, ...(afterNik ? { after: { segment, nik: afterNik } } : {}), limit });
    return { people: people.map(({ segment: _segment, ...member }) => member), more };
  }

  /** A page of a bucket's people (of one segment or all) read from their entries, in segment and NIK order. */
  private async entriesPage(regulationId: string, year: number, bucket: number, page: RosterPage): Promise<{ people: SegmentMember[]; more: boolean }> {
    const { segment, after, limit } = page;
    const result = await documentClient.send(
      new QueryCommand({
        ...(segment ? this.segmentQuery(regulationId, year, segment, bucket) : this.bucketQuery(regulationId, year, bucket)),
        ProjectionExpression: 'gsi1sk, nik, #name, birthDate, gender',
        ExpressionAttributeNames: { '#name': 'name' },
        ...(after ? { ExclusiveStartKey: { ...rosterKeys.entry(after.nik, year), ...rosterKeys.entryIndex(regulationId, year, bucket, after.segment, after.nik) } } : {}),
        Limit: limit,
      }),
    );
    return {
      people: (result.Items ?? []).map((item) => ({ ...rosterMemberOf(item), segment: (item.gsi1sk as string).split('#')[0]! })),
      more: result.LastEvaluatedKey !== undefined,
    };
  }

  async headcount(regulationId: string, year: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
      const pages = paginateQuery({ client: documentClient }, { ...this.bucketQuery(regulationId, year, bucket), ProjectionExpression: 'gsi1sk' });
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const segment = (item.gsi1sk as string).split('#')[0]!;
          counts[segment] = (counts[segment] ?? 0) + 1;
        }
      }
    }
    return counts;
  }

  async ageProfile(regulationId: string, year: number): Promise<AgeProfile> {
    const counted = new Map<string, [segment: string, counts: Record<string, number>][]>();
    const refreshed = new Set<string>();
    const query = { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': rosterKeys.ages(regulationId, year) } };
    for await (const page of paginateQuery({ client: documentClient }, query)) {
      for (const item of page.Items ?? []) {
        const [bucket, segment] = (item.sk as string).split('#') as [string, string | undefined];
        if (segment === undefined) refreshed.add(bucket);
        else counted.set(bucket, [...(counted.get(bucket) ?? []), [segment, item.counts as Record<string, number>]]);
      }
    }
    const profile: Record<string, Record<string, number>> = {};
    // A bucket's counts hold only while its marker does: a change outside its writers (a life
    // event's drop) deletes the marker, and the bucket is counted from its entries until its next writer.
    for (const [bucket, segments] of counted) if (refreshed.has(bucket)) for (const [segment, counts] of segments) mergeAgeCounts(profile, segment, counts);
    const uncounted = ALL_NIK_BUCKETS.filter((bucket) => !refreshed.has(rosterKeys.agesRefreshed(bucket)));
    await forEachConcurrently(uncounted, BUCKETS_IN_FLIGHT, async (bucket) => {
      for (const [segment, counts] of Object.entries(await this.readBucket(regulationId, year, bucket))) mergeAgeCounts(profile, segment, counts);
    });
    return profile;
  }

  async refreshBucketViews(regulationId: string, year: number, bucket: number): Promise<void> {
    const ages = rosterKeys.ages(regulationId, year);
    const packed = rosterKeys.packedPeople(regulationId, year, bucket);
    const stored = await documentClient.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bucket)', ExpressionAttributeValues: { ':pk': ages, ':bucket': `${rosterKeys.agesRefreshed(bucket)}#` }, ProjectionExpression: 'sk' }),
    );
    // The real clock, not the business clock: refreshes of a bucket take turns under its lease, so
    // each one's generation is later than any before it, and a generation never comes back.
    const generation = Date.now();
    const counted = await this.readBucket(regulationId, year, bucket, new PeoplePacker(generation, async (item) => {
      await documentClient.send(new PutCommand({ TableName: this.table, Item: { pk: packed, ...item } }));
    }));
    const gone = (stored.Items ?? []).map((item) => item.sk as string).filter((sk) => !(sk.split('#')[1]! in counted));
    await batchWrite(this.table, [
      ...Object.entries(counted).map(([segment, counts]) => ({ PutRequest: { Item: { pk: ages, sk: rosterKeys.agesOfSegment(bucket, segment), counts } } })),
      ...gone.map((sk) => ({ DeleteRequest: { Key: { pk: ages, sk } } })),
    ]);
    // The marker last: it makes the new counts and packs the ones read.
    await documentClient.send(new PutCommand({ TableName: this.table, Item: { ...rosterKeys.agesMarker(regulationId, year, bucket), refreshedAt: now().toISOString(), packedGeneration: generation } }));
    // Earlier generations, and any a refresh that stopped part-way left behind.
    await this.deletePacks(packed, (packedIn) => packedIn !== generation);
  }

  async markBucketViewsStale(regulationId: string, year: number, bucket: number): Promise<void> {
    // Without its marker, the bucket's counts and packs are not read (ageProfile, bucketPeopleAsRefreshed).
    await documentClient.send(new DeleteCommand({ TableName: this.table, Key: rosterKeys.agesMarker(regulationId, year, bucket) }));
  }

  /**
   * One bucket's people by segment and age, counted from its entries, each person handed to
   * `packer` too when given (in segment and NIK order, the index's order).
   */
  private async readBucket(regulationId: string, year: number, bucket: number, packer?: PeoplePacker): Promise<Record<string, Record<string, number>>> {
    const profile: Record<string, Record<string, number>> = {};
    const pages = paginateQuery(
      { client: documentClient },
      { ...this.bucketQuery(regulationId, year, bucket), ProjectionExpression: packer ? 'gsi1sk, nik, #name, birthDate, gender' : 'gsi1sk, birthDate', ...(packer ? { ExpressionAttributeNames: { '#name': 'name' } } : {}) },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const segment = (item.gsi1sk as string).split('#')[0]!;
        countInProfile(profile, segment, item.birthDate as string);
        await packer?.add(segment, rosterMemberOf(item));
      }
    }
    await packer?.flush();
    return profile;
  }

  /** Deletes a bucket's packs of the generations `gone` picks. */
  private async deletePacks(partition: string, gone: (generation: number) => boolean): Promise<void> {
    const keys: { pk: string; sk: string }[] = [];
    const pages = paginateQuery({ client: documentClient }, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition }, ProjectionExpression: 'sk' });
    for await (const page of pages) for (const item of page.Items ?? []) if (gone(Number((item.sk as string).split('#')[0]))) keys.push({ pk: partition, sk: item.sk as string });
    await batchWrite(this.table, keys.map((Key) => ({ DeleteRequest: { Key } })));
  }

  async writeImported(page: ImportedPage): Promise<void> {
    // Identity updates are rare (an import opened with --update-identities): one transaction
    // each keeps the change and its audit event together.
    for (const update of page.identityUpdates) {
      await transactWithAudit(
        [
          { Put: { TableName: this.table, Item: rosterEntryItem(update.entry) } },
          { Put: { TableName: this.table, Item: importedHistoryItem(update.replaced, page.importId) } },
        ],
        update.event,
      );
    }
    await batchWrite(this.table, [
      ...page.entries.map((entry) => ({ PutRequest: { Item: rosterEntryItem(entry) } })),
      ...page.replaced.map((old) => ({ PutRequest: { Item: importedHistoryItem(old, page.importId) } })),
    ]);
  }

  async writeRenewed(page: RenewedPage, holder: string): Promise<void> {
    const at = now().toISOString();
    await batchWrite(this.table, [
      ...page.carried.map((entry) => ({ PutRequest: { Item: rosterEntryItem(entry) } })),
      // An entry that must go is kept as history, as a replaced one is.
      ...page.dropped.flatMap((entry) => [
        { DeleteRequest: { Key: rosterKeys.entry(entry.nik, entry.year) } },
        { PutRequest: { Item: { ...rosterKeys.history(entry.nik, entry.year, at, holder), ...entry, replacedBy: holder } } },
      ]),
    ]);
  }

  /** A regulation's roster of a year in one bucket, all segments, in segment and NIK order. */
  private bucketQuery(regulationId: string, year: number, bucket: number): QueryCommandInput {
    return {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': rosterPartition(regulationId, year, bucket) },
    };
  }

  /** One segment of the same, in NIK order. */
  private segmentQuery(regulationId: string, year: number, segment: string, bucket: number): QueryCommandInput {
    return {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :segment)',
      ExpressionAttributeValues: { ':pk': rosterPartition(regulationId, year, bucket), ':segment': `${segment}#` },
    };
  }
}

/** An entry's old version, kept under the person's history key when an import replaces it. */
function importedHistoryItem(old: RosterEntry, importId: string): Record<string, unknown> {
  return { ...rosterKeys.history(old.nik, old.year, old.updatedAt, old.importId), ...old, replacedBy: importId };
}

/** The fields of a stored entry that a person list shows. */
function rosterMemberOf(item: Record<string, unknown>): RosterMember {
  return { nik: item.nik as string, name: item.name as string, birthDate: item.birthDate as string, gender: item.gender as 'L' | 'P' };
}

/** Adds one bucket's counts of a segment to the whole profile. */
function mergeAgeCounts(profile: Record<string, Record<string, number>>, segment: string, counts: Readonly<Record<string, number>>): void {
  const into = (profile[segment] ??= {});
  for (const [month, n] of Object.entries(counts)) into[month] = (into[month] ?? 0) + n;
}
