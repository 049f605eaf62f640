import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type QueryCommandInput, type TransactWriteCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import type { LifeEvent } from '../../api/renewal-schemas';
import type { AuditEvent } from '../../api/schemas';
import { ConflictError } from '../../core/errors';
import { maskNik } from '../../core/people/personal-data';
import { lastBilledMonth } from '../../core/enrollment/billed-months';
import type { CoverChanges } from '../../core/life-events/cover-changes';
import type { CoverEnd } from '../../core/life-events/end-cover';
import type { LifeEventStore } from '../../core/life-events/life-event-store';
import type { CoveredEntry } from '../../core/renewal/cover-ledger';
import { nikBucket } from '../../core/people/nik-bucket';
import type { RosterEntry } from '../../core/roster/roster-entry';
import { bucketUnheld } from './bucket-lease';
import { documentClient, tableName } from './document-client';
import { SEGMENT_COUNT_PREFIX } from './dynamodb-import-store';
import { enrollmentKeys } from './enrollment-keys';
import { TABLE_KEY, mapPage, queryPage } from './query-page';
import { lifeEventKeys, lifeEventPartition } from './life-event-keys';
import { rosterEntryOf } from './roster-entry-items';
import { rosterKeys } from './roster-keys';
import { transactWithAudit } from './transact-with-audit';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of the transaction, with what to tell the caller if its condition refuses it. */
interface Write {
  readonly item: TransactItem;
  readonly refused?: string;
}

/** Life events live with the person (`PERSON#<nik>`, `LIFE#...`), indexed per regulation and NIK bucket. */
export class DynamoDbLifeEventStore implements LifeEventStore {
  private readonly table = tableName('MAIN_TABLE');

  async ofPerson(nik: string): Promise<LifeEvent[]> {
    const { Items = [] } = await documentClient.send(new QueryCommand(this.eventsOf(nik)));
    return Items.map(lifeEventOf);
  }

  async ofBucket(regulationId: string, bucket: number): Promise<Map<string, LifeEvent[]>> {
    const events = new Map<string, LifeEvent[]>();
    const pages = paginateQuery(
      { client: documentClient },
      { TableName: this.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': lifeEventPartition(regulationId, bucket) } },
    );
    for await (const page of pages) {
      for (const event of (page.Items ?? []).map(lifeEventOf)) {
        const list = events.get(event.nik) ?? [];
        list.push(event);
        events.set(event.nik, list);
      }
    }
    return events;
  }

  /** One page of a person's life events. */
  async page(nik: string, page: PageQuery): Promise<Page<LifeEvent>> {
    const key = { partition: { attribute: 'pk', value: lifeEventKeys.event(nik, 'death', 0).pk }, attributes: TABLE_KEY };
    return mapPage(await queryPage(this.eventsOf(nik), page, key), lifeEventOf);
  }

  private eventsOf(nik: string): QueryCommandInput {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :life)',
      ExpressionAttributeValues: { ':pk': lifeEventKeys.event(nik, 'death', 0).pk, ':life': 'LIFE#' },
      ConsistentRead: true,
    };
  }

  async rosterEntry(nik: string, year: number): Promise<RosterEntry | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: rosterKeys.entry(nik, year), ConsistentRead: true }));
    return Item ? rosterEntryOf(Item) : undefined;
  }

  async cover(nik: string, year: number): Promise<CoveredEntry | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: enrollmentKeys.entry(nik, year), ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...entry } = Item;
    return entry as CoveredEntry;
  }

  async record(event: LifeEvent, audit: AuditEvent, changes: CoverChanges): Promise<boolean> {
    const writes: Write[] = [
      {
        item: {
          Put: {
            TableName: this.table,
            Item: {
              ...lifeEventKeys.event(event.nik, event.kind, event.year),
              ...lifeEventKeys.eventIndex(event.regulationId, nikBucket(event.nik), event.nik, event.kind),
              ...event,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
      ...changes.ends.flatMap((end) => this.endWrites(end)),
      ...(changes.dropped ? this.dropWrites(changes.dropped, event) : []),
    ];
    try {
      await transactWithAudit(
        writes.map((write) => write.item),
        audit,
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      const refused = writes.find((write, i) => write.refused && reasons[i]?.Code === 'ConditionalCheckFailed');
      if (refused) throw new ConflictError(`${refused.refused}, so the ${event.kind} of NIK ${maskNik(event.nik)} was not recorded. Record it again in a few minutes.`);
      throw error;
    }
  }

  /**
   * The entry's new end, only if it is still as read (a concurrent end would count its money
   * twice); the money back on the proposal's committed total, shown as released; and the
   * invoice's count of people billed through the last billed month, moved from the month an
   * earlier end left them in.
   */
  private endWrites(end: CoverEnd): Write[] {
    const { entry } = end;
    const month = lastBilledMonth(end.coverageEnd);
    // `released` is recorded with every end, so its presence says an earlier end was counted in the invoice.
    const earlierMonth = entry.released !== undefined && entry.coverageEnd ? lastBilledMonth(entry.coverageEnd) : undefined;
    const writes: Write[] = [
      {
        item: {
          Update: {
            TableName: this.table,
            Key: enrollmentKeys.entry(entry.nik, entry.year),
            UpdateExpression: 'SET coverageEnd = :end, endReason = :reason, released = :released',
            ConditionExpression: `${entry.coverageEnd === undefined ? 'attribute_not_exists(coverageEnd)' : 'coverageEnd = :endBefore'} AND ${
              entry.released === undefined ? 'attribute_not_exists(released)' : 'released = :releasedBefore'
            }`,
            ExpressionAttributeValues: {
              ':end': end.coverageEnd,
              ':reason': end.endReason,
              ':released': end.released,
              ...(entry.coverageEnd === undefined ? {} : { ':endBefore': entry.coverageEnd }),
              ...(entry.released === undefined ? {} : { ':releasedBefore': entry.released }),
            },
          },
        },
        refused: `The ${entry.year} cover changed meanwhile (another life event or a retried enrollment)`,
      },
    ];
    if (end.releasedNow > 0) {
      writes.push({
        item: {
          Update: {
            TableName: this.table,
            Key: enrollmentKeys.committed(entry.proposalId),
            UpdateExpression: 'ADD committed :back, released :released',
            ExpressionAttributeValues: { ':back': -end.releasedNow, ':released': end.releasedNow },
          },
        },
      });
    }
    if (month !== earlierMonth) {
      writes.push({ item: this.coverEndCount(entry, month, 1) });
      if (earlierMonth) writes.push({ item: this.coverEndCount(entry, earlierMonth, -1) });
    }
    return writes;
  }

  private coverEndCount(entry: CoveredEntry, month: string, change: number): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: enrollmentKeys.coverEnd(entry.runId, entry.segment, month),
        UpdateExpression: 'SET #segment = :segment, lastBilledMonth = :month ADD people :change',
        ExpressionAttributeNames: { '#segment': 'segment' },
        ExpressionAttributeValues: { ':segment': entry.segment, ':month': month, ':change': change },
      },
    };
  }

  /**
   * The next year's entry removed and kept as history (as a renewal drops one), and the roster's
   * headcount recounted down with a new version, so a proposal computed with the person reads
   * as stale; the bucket's read views are marked stale. Only while no import, renewal or enrollment run holds the entry's NIK bucket.
   */
  private dropWrites(entry: RosterEntry, event: LifeEvent): Write[] {
    const at = new Date().toISOString();
    return [
      {
        // Leases measure elapsed time: the real clock, not the business clock.
        item: bucketUnheld(entry.year, nikBucket(entry.nik), new Date()),
        refused: `An import, renewal or enrollment run is working on the ${entry.year} roster`,
      },
      {
        item: {
          Delete: {
            TableName: this.table,
            Key: rosterKeys.entry(entry.nik, entry.year),
            ConditionExpression: 'updatedAt = :read',
            ExpressionAttributeValues: { ':read': entry.updatedAt },
          },
        },
        refused: `The ${entry.year} roster entry changed meanwhile`,
      },
      {
        item: {
          Put: {
            TableName: this.table,
            Item: { ...rosterKeys.history(entry.nik, entry.year, at, `life-event-${event.kind}`), ...entry, replacedBy: `life-event-${event.kind}` },
          },
        },
      },
      {
        // The bucket's ages and packed people (refreshBucketViews) no longer hold: without the
        // marker they are read from the entries until the bucket's next writer refreshes them.
        item: { Delete: { TableName: this.table, Key: rosterKeys.agesMarker(entry.regulationId, entry.year, nikBucket(entry.nik)) } },
      },
      {
        item: {
          Update: {
            TableName: this.table,
            Key: rosterKeys.summary(entry.regulationId, entry.year),
            UpdateExpression: 'ADD version :one, #count :minus SET updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#count': `${SEGMENT_COUNT_PREFIX}${entry.segment}` },
            ExpressionAttributeValues: { ':one': 1, ':minus': -1, ':at': at },
          },
        },
        refused: `The ${entry.year} roster of ${entry.regulationId} is not counted yet (a renewal is verifying it)`,
      },
    ];
  }
}

function lifeEventOf({ pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...event }: Record<string, unknown>): LifeEvent {
  return event as LifeEvent;
}
