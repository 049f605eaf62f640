import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './document-client';
import { rosterKeys } from './roster-keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Another import, renewal or enrollment run holds the NIK bucket; Step Functions retries the shard later. */
export class BucketBusyError extends Error {
  constructor(year: number, bucket: number) {
    super(`NIK bucket ${bucket} of ${year} is being processed by another import or enrollment run; retrying later`);
    this.name = 'BucketBusyError';
  }
}

/**
 * The attributes of the lease item that remember who wrote the bucket for the year: the first
 * and the latest writer of a kind (imports, enrollment runs). Writers take turns, so those two
 * are the whole history. A writer that records only `last` makes the others read before they write.
 */
export interface BucketWriters {
  readonly first?: string;
  readonly last: string;
}

/** How long a lease lasts without renewal: longer than a shard may run (Lambda's 15 minutes). */
const LEASE_SECONDS = 16 * 60;

/**
 * The lease on one NIK bucket of a coverage year. Roster imports, renewals and enrollment runs
 * take it before they touch the bucket's people, so each bucket has one writer at a time: the one
 * conditional write that makes the batched reads-then-writes after it safe. Held by another live
 * holder → BucketBusyError; an expired lease (a crashed shard) or our own (a re-run) is taken over.
 * Leases measure elapsed time: callers pass the real clock, never the business clock a test may move.
 */
export class BucketLease {
  private readonly table = tableName('MAIN_TABLE');

  /**
   * Takes the lease for `holder` and records it as the latest of `writers` (and the first, when
   * there was none). `fresh`: no other writer of that kind ever wrote the bucket for the year.
   */
  async acquire(year: number, bucket: number, holder: string, now: Date, writers: BucketWriters): Promise<{ fresh: boolean }> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const marks = [...(writers.first ? [`${writers.first} = if_not_exists(${writers.first}, :me)`] : []), `${writers.last} = :me`];
    let before: Record<string, unknown> | undefined;
    try {
      ({ Attributes: before } = await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: rosterKeys.lease(year, bucket),
          UpdateExpression: `SET holder = :me, leaseExpiresAt = :until, ${marks.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(holder) OR holder = :me OR leaseExpiresAt < :now',
          ExpressionAttributeValues: { ':me': holder, ':now': nowSeconds, ':until': nowSeconds + LEASE_SECONDS },
          ReturnValues: 'ALL_OLD',
        }),
      ));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new BucketBusyError(year, bucket);
    }
    const onlyWriter = (attribute: string | undefined) => attribute === undefined || (before?.[attribute] ?? holder) === holder;
    return { fresh: onlyWriter(writers.first) && onlyWriter(writers.last) };
  }

  async release(year: number, bucket: number, holder: string): Promise<void> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: rosterKeys.lease(year, bucket),
          UpdateExpression: 'REMOVE holder, leaseExpiresAt',
          ConditionExpression: 'holder = :me',
          ExpressionAttributeValues: { ':me': holder },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

/** A transaction's check that nobody holds the bucket's lease now (an expired lease is nobody's). */
export function bucketUnheld(year: number, bucket: number, now: Date): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName('MAIN_TABLE'),
      Key: rosterKeys.lease(year, bucket),
      ConditionExpression: 'attribute_not_exists(holder) OR leaseExpiresAt < :now',
      ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
    },
  };
}
