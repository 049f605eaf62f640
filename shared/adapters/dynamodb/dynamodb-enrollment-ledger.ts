import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { EnrollmentEntry } from '../../core/enrollment/enrollment-entry';
import type { EnrollmentLedger, Reservation, ReserveOutcome } from '../../core/enrollment/enrollment-ledger';
import type { PageOutcome, PageTally } from '../../core/enrollment/page-tally';
import type { RunRecord } from '../../core/enrollment/run-record';
import { nikBucket } from '../../core/people/nik-bucket';
import { batchGet, batchWrite } from './batch-operations';
import { BucketLease } from './bucket-lease';
import { documentClient, tableName } from './document-client';
import { PAGE_ATTRIBUTE_PREFIX, enrollmentKeys, enrollmentPartition, reservationPartition } from './enrollment-keys';
import { transactWrite } from './transact-write';

const PAGES_PER_PROGRESS_UPDATE = 50;

/**
 * The enrollment ledger in the main table. Entries are written in batches under the NIK bucket's
 * lease (one writer per bucket, so the read-then-write of a page cannot race); the money is
 * guarded by a conditional transaction per page: the reservation and the proposal's committed
 * total move together, and only while the total stays within the approved amount.
 */
export class DynamoDbEnrollmentLedger implements EnrollmentLedger {
  private readonly table = tableName('MAIN_TABLE');
  private readonly lease = new BucketLease();

  /**
   * The lease item also remembers the first and the last run that enrolled people of the bucket
   * for the year (runs take turns, so that is the whole history): `fresh` says only this run ever did.
   */
  async acquireBucket(year: number, bucket: number, runId: string): Promise<{ fresh: boolean }> {
    // Leases measure elapsed time: the real clock, not the business clock a test may move.
    return this.lease.acquire(year, bucket, runId, new Date(), { first: 'firstRun', last: 'lastRun' });
  }

  async releaseBucket(year: number, bucket: number, runId: string): Promise<void> {
    await this.lease.release(year, bucket, runId);
  }

  async entries(year: number, niks: readonly string[]): Promise<Map<string, EnrollmentEntry>> {
    const items = await batchGet(this.table, niks.map((nik) => enrollmentKeys.entry(nik, year)));
    return new Map(items.map((item) => [item.nik as string, entryOf(item)]));
  }

  async write(entries: readonly EnrollmentEntry[]): Promise<void> {
    await batchWrite(this.table, entries.map(entryPut));
  }

  /** One page of a run's entries with a status in a NIK bucket, in NIK order (exports, failure lists). */
  async page(
    run: Pick<RunRecord, 'runId' | 'regulationId' | 'year'>,
    status: EnrollmentEntry['status'],
    bucket: number,
    afterNik: string | undefined,
    limit: number,
  ): Promise<{ entries: EnrollmentEntry[]; after?: string }> {
    const partition = enrollmentPartition(run.regulationId, run.year, bucket);
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :status)',
        FilterExpression: 'runId = :run',
        ExpressionAttributeValues: { ':pk': partition, ':status': `${status}#`, ':run': run.runId },
        ...(afterNik
          ? { ExclusiveStartKey: { ...enrollmentKeys.entry(afterNik, run.year), ...enrollmentKeys.entryIndex(run.regulationId, run.year, bucket, status, afterNik) } }
          : {}),
        Limit: limit,
      }),
    );
    const last = page.LastEvaluatedKey?.gsi1sk as string | undefined;
    return { entries: (page.Items ?? []).map(entryOf), ...(last ? { after: last.slice(last.indexOf('#') + 1) } : {}) };
  }

  async reservations(runId: string, bucket: number): Promise<Map<string, Reservation>> {
    const reservations = new Map<string, Reservation>();
    const stored = paginateQuery(
      { client: documentClient },
      { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': reservationPartition(runId, bucket) }, ConsistentRead: true },
    );
    for await (const page of stored) for (const item of page.Items ?? []) reservations.set(item.pageId as string, reservationOf(item));
    return reservations;
  }

  async reserve(proposalId: string, cap: number, reservation: Reservation): Promise<ReserveOutcome> {
    try {
      await transactWrite({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: enrollmentKeys.committed(proposalId),
              UpdateExpression: 'ADD committed :amount',
              // committed + amount <= cap, written the way a condition can say it.
              ConditionExpression: '(attribute_not_exists(committed) AND :amount <= :cap) OR committed <= :room',
              ExpressionAttributeValues: { ':amount': reservation.amount, ':cap': cap, ':room': cap - reservation.amount },
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: { ...enrollmentKeys.reservation(reservation.runId, reservation.bucket, reservation.pageId), ...reservation },
              ConditionExpression: 'attribute_not_exists(pk) OR (#status = :settled AND attempt < :attempt)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':settled': 'settled', ':attempt': reservation.attempt },
            },
          },
        ],
      });
      return 'reserved';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [money, page] = error.CancellationReasons ?? [];
      if (page?.Code === 'ConditionalCheckFailed') {
        throw new Error(`Page ${reservation.pageId} of NIK bucket ${reservation.bucket} was reserved by a concurrent shard of run ${reservation.runId}`);
      }
      if (money?.Code === 'ConditionalCheckFailed') return 'over-budget';
      throw error;
    }
  }

  async settle(proposalId: string, reservation: Reservation, tally: PageTally, refund: number): Promise<void> {
    try {
      await transactWrite({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: enrollmentKeys.reservation(reservation.runId, reservation.bucket, reservation.pageId),
              UpdateExpression: 'SET #status = :settled, tally = :tally, attempt = :attempt, refunded = :refund',
              ConditionExpression: '#status = :reserved',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':settled': 'settled', ':reserved': 'reserved', ':tally': tally, ':attempt': reservation.attempt, ':refund': refund },
            },
          },
          {
            Update: {
              TableName: this.table,
              Key: enrollmentKeys.committed(proposalId),
              UpdateExpression: 'ADD committed :refund',
              ExpressionAttributeValues: { ':refund': -refund },
            },
          },
        ],
      });
    } catch (error) {
      // Settled already (a re-run after the settle landed): the money was given back once.
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  async writeSettled(entries: readonly EnrollmentEntry[], reservation: Reservation, tally: PageTally): Promise<void> {
    const settled = { ...reservation, status: 'settled', tally };
    // One batch at a time: shards and their pages already write side by side, and more writes in
    // flight only slow DynamoDB Local down (measured with npm run bench -- enroll).
    await batchWrite(
      this.table,
      [...entries.map(entryPut), { PutRequest: { Item: { ...enrollmentKeys.reservation(reservation.runId, reservation.bucket, reservation.pageId), ...settled } } }],
      1,
    );
  }

  /**
   * Each page is its own attribute (`page#<page id>`), set by an update rather than the item put
   * whole: a shard run again after a crash starts counting from nothing, and its first reports
   * must add to the pages an earlier run of the attempt reported, not replace them.
   */
  async progress(runId: string, bucket: number, attempt: number, pages: ReadonlyMap<string, PageOutcome>, done: boolean): Promise<void> {
    const reported = [...pages];
    // A few pages a second in practice; in chunks all the same, so that an update expression
    // stays within DynamoDB's 4 KB. The last (or only, with no pages) chunk sets `done`.
    const chunks: [string, PageOutcome][][] = [];
    for (let i = 0; i < reported.length; i += PAGES_PER_PROGRESS_UPDATE) chunks.push(reported.slice(i, i + PAGES_PER_PROGRESS_UPDATE));
    if (chunks.length === 0) chunks.push([]);
    for (const [index, chunk] of chunks.entries()) {
      const last = index === chunks.length - 1;
      await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: enrollmentKeys.shard(runId, attempt, bucket),
          UpdateExpression: `SET ${['#runId = :runId', '#attempt = :attempt', '#bucket = :bucket', ...(last ? ['#done = :done'] : []), ...chunk.map((_, i) => `#page${i} = :page${i}`)].join(', ')}`,
          ExpressionAttributeNames: {
            '#runId': 'runId',
            '#attempt': 'attempt',
            '#bucket': 'bucket',
            ...(last ? { '#done': 'done' } : {}),
            ...Object.fromEntries(chunk.map(([pageId], i) => [`#page${i}`, `${PAGE_ATTRIBUTE_PREFIX}${pageId}`])),
          },
          ExpressionAttributeValues: {
            ':runId': runId,
            ':attempt': attempt,
            ':bucket': bucket,
            ...(last ? { ':done': done } : {}),
            ...Object.fromEntries(chunk.map(([, outcome], i) => [`:page${i}`, outcome])),
          },
        }),
      );
    }
  }

}

function entryPut(entry: EnrollmentEntry) {
  return {
    PutRequest: {
      Item: {
        ...enrollmentKeys.entry(entry.nik, entry.year),
        ...enrollmentKeys.entryIndex(entry.regulationId, entry.year, nikBucket(entry.nik), entry.status, entry.nik),
        ...entry,
      },
    },
  };
}

function entryOf(item: Record<string, unknown>): EnrollmentEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...entry } = item;
  return entry as unknown as EnrollmentEntry;
}

function reservationOf(item: Record<string, unknown>): Reservation {
  const { pk: _pk, sk: _sk, refunded: _refunded, ...reservation } = item;
  return reservation as unknown as Reservation;
}
