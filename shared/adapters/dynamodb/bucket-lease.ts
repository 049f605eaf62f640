import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './document-client';
import { rosterKeys } from './roster-keys';

/** Another import or enrollment run holds the NIK bucket; Step Functions retries the shard later. */
export class BucketBusyError extends Error {
  constructor(year: number, bucket: number) {
    super(`NIK bucket ${bucket} of ${year} is being processed by another import or enrollment run; retrying later`);
    this.name = 'BucketBusyError';
  }
}

/** How long a lease lasts without renewal: longer than a shard may run (Lambda's 15 minutes). */
const LEASE_SECONDS = 16 * 60;

/**
 * The lease on one NIK bucket of a coverage year. Roster imports and enrollment runs take it
 * before they touch the bucket's people, so each bucket has one writer at a time: the one
 * conditional write that makes the batched reads-then-writes after it safe. Held by another
 * live holder → BucketBusyError; an expired lease (a crashed shard) or our own (a re-run) is
 * taken over.
 */
export class BucketLease {
  private readonly table = tableName('MAIN_TABLE');

  /**
   * Takes the lease for `holder`. `alsoSet` adds SET clauses to the same write (values `:me`, `:now`
   * are available); the lease item as it was before is returned.
   */
  async acquire(year: number, bucket: number, holder: string, now: Date, alsoSet = ''): Promise<Record<string, unknown> | undefined> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      const { Attributes: before } = await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: rosterKeys.lease(year, bucket),
          UpdateExpression: `SET holder = :me, leaseExpiresAt = :until${alsoSet ? `, ${alsoSet}` : ''}`,
          ConditionExpression: 'attribute_not_exists(holder) OR holder = :me OR leaseExpiresAt < :now',
          ExpressionAttributeValues: { ':me': holder, ':now': nowSeconds, ':until': nowSeconds + LEASE_SECONDS },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return before;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new BucketBusyError(year, bucket);
    }
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
