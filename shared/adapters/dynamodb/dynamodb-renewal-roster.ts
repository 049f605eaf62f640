import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LifeEvent } from '../../api/renewal-schemas';
import { now } from '../../core/clock';
import type { DiffPerson, RenewalRoster } from '../../core/renewal/renewal-roster';
import { NIK_BUCKETS } from '../../core/people/nik-bucket';
import type { RosterEntry } from '../../core/roster/roster-entry';
import { batchGet, batchWrite } from './batch-operations';
import { BucketLease } from './bucket-lease';
import { documentClient, tableName } from './document-client';
import { lifeEventPartition } from './life-event-keys';
import { renewalKeys } from './renewal-keys';
import { rosterEntryItem, rosterEntryOf } from './roster-entry-items';
import { rosterKeys, rosterPartition } from './roster-keys';

/** Entries per page: one BatchGet of the new year's entries (at most 100 keys each, 5 in flight) per page. */
const PAGE = 500;

/** The rosters as a renewal reads and writes them (keys in docs/data-model.md). */
export class DynamoDbRenewalRoster implements RenewalRoster {
  private readonly table = tableName('MAIN_TABLE');
  private readonly lease = new BucketLease();

  async acquire(year: number, bucket: number, holder: string, now: Date): Promise<void> {
    // The renewal writes entries no import has seen: later imports must read before they write.
    await this.lease.acquire(year, bucket, holder, now, { last: 'lastImport' });
  }

  async release(year: number, bucket: number, holder: string): Promise<void> {
    await this.lease.release(year, bucket, holder);
  }

  async *pages(regulationId: string, year: number, bucket: number): AsyncIterable<RosterEntry[]> {
    for await (const items of this.partitionPages(rosterPartition(regulationId, year, bucket), { Limit: PAGE })) yield items.map(rosterEntryOf);
  }

  async entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>> {
    const items = await batchGet(this.table, niks.map((nik) => rosterKeys.entry(nik, year)), 5);
    return new Map(items.map((item) => [item.nik as string, rosterEntryOf(item)]));
  }

  async lifeEvents(regulationId: string, bucket: number): Promise<Map<string, LifeEvent[]>> {
    const events = new Map<string, LifeEvent[]>();
    for await (const items of this.partitionPages(lifeEventPartition(regulationId, bucket))) {
      for (const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...event } of items) {
        const list = events.get(event.nik as string) ?? [];
        list.push(event as LifeEvent);
        events.set(event.nik as string, list);
      }
    }
    return events;
  }

  async write(
    page: { carried: RosterEntry[]; dropped: RosterEntry[]; people: DiffPerson[] },
    where: { regulationId: string; year: number; attempt: number; bucket: number; holder: string },
  ): Promise<void> {
    const at = now().toISOString();
    await batchWrite(this.table, [
      ...page.carried.map((entry) => ({ PutRequest: { Item: rosterEntryItem(entry) } })),
      // An entry that must go is kept as history, as a replaced one is.
      ...page.dropped.flatMap((entry) => [
        { DeleteRequest: { Key: rosterKeys.entry(entry.nik, entry.year) } },
        { PutRequest: { Item: { ...rosterKeys.history(entry.nik, entry.year, at, where.holder), ...entry, replacedBy: where.holder } } },
      ]),
      ...page.people.map((person) => ({
        PutRequest: {
          Item: {
            ...renewalKeys.person(where.regulationId, where.year, where.attempt, where.bucket, person.kind, person.nik),
            ...person,
          },
        },
      })),
    ]);
  }

  async headcount(regulationId: string, year: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
      for await (const items of this.partitionPages(rosterPartition(regulationId, year, bucket), { ProjectionExpression: 'gsi1sk' })) {
        for (const item of items) {
          const segment = (item.gsi1sk as string).split('#')[0]!;
          counts[segment] = (counts[segment] ?? 0) + 1;
        }
      }
    }
    return counts;
  }

  /** The items of one gsi1 partition, a page at a time. */
  private async *partitionPages(partition: string, options: { Limit?: number; ProjectionExpression?: string } = {}): AsyncIterable<Record<string, unknown>[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: startKey,
          ...options,
        }),
      );
      if (page.Items?.length) yield page.Items;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
