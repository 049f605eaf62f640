import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nikBucket } from '../../rosters/import-limits';
import type { RosterEntry } from '../../rosters/roster-entry';
import type { RosterLedger, StoredRejection } from '../../rosters/roster-ledger';
import type { ShardCounts } from '../../rosters/shard-counts';
import { batchGet, batchWrite } from './batch-operations';
import { documentClient, tableName } from './document-client';
import { importKeys, rosterKeys } from './roster-keys';

/** Another import is processing the same NIK bucket; Step Functions retries the shard later. */
export class BucketBusyError extends Error {
  constructor(year: number, bucket: number, holder: string) {
    super(`NIK bucket ${bucket} of ${year} is being processed by import ${holder}; retrying later`);
    this.name = 'BucketBusyError';
  }
}

/** How long a lease lasts without renewal: longer than a shard may run (Lambda's 15 minutes). */
const LEASE_SECONDS = 16 * 60;

export class DynamoDbRosterLedger implements RosterLedger {
  private readonly table = tableName('MAIN_TABLE');

  /**
   * Takes the bucket's lease for this import: the one conditional write that makes the batched
   * writes after it safe. Held by another live import → BucketBusyError; an expired lease (a
   * crashed shard) or our own (a re-run) is taken over.
   *
   * The lease item also remembers the first and the last import that wrote the bucket for the
   * year (writers take turns, so that is the whole history): `fresh` says only this import ever did.
   */
  async acquire(year: number, bucket: number, importId: string, now: Date): Promise<{ fresh: boolean }> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      const { Attributes: before } = await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: rosterKeys.lease(year, bucket),
          UpdateExpression: 'SET holder = :me, leaseExpiresAt = :until, firstImport = if_not_exists(firstImport, :me), lastImport = :me',
          ConditionExpression: 'attribute_not_exists(holder) OR holder = :me OR leaseExpiresAt < :now',
          ExpressionAttributeValues: { ':me': importId, ':now': nowSeconds, ':until': nowSeconds + LEASE_SECONDS },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { fresh: (before?.firstImport ?? importId) === importId && (before?.lastImport ?? importId) === importId };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new BucketBusyError(year, bucket, 'another import');
    }
  }

  async release(year: number, bucket: number, importId: string): Promise<void> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: rosterKeys.lease(year, bucket),
          UpdateExpression: 'REMOVE holder, leaseExpiresAt',
          ConditionExpression: 'holder = :me',
          ExpressionAttributeValues: { ':me': importId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>> {
    const items = await batchGet(this.table, niks.map((nik) => rosterKeys.entry(nik, year)));
    return new Map(items.map((item) => [item.nik as string, entryOf(item)]));
  }

  async write(page: { importId: string; entries: RosterEntry[]; replaced: RosterEntry[]; rejections: StoredRejection[] }): Promise<void> {
    await batchWrite(this.table, [
      ...page.entries.map((entry) => ({
        PutRequest: {
          Item: {
            ...rosterKeys.entry(entry.nik, entry.year),
            ...rosterKeys.entryIndex(entry.regulationId, entry.year, nikBucket(entry.nik), entry.segment, entry.nik),
            ...entry,
          },
        },
      })),
      ...page.replaced.map((old) => ({
        PutRequest: { Item: { ...rosterKeys.history(old.nik, old.year, old.updatedAt, old.importId), ...old, replacedBy: page.importId } },
      })),
      ...page.rejections.map((rejection) => ({
        PutRequest: { Item: { ...importKeys.rejection(page.importId, rejection.row), ...rejection } },
      })),
    ]);
  }

  async progress(importId: string, bucket: number, counts: ShardCounts, done: boolean): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: this.table, Item: { ...importKeys.shard(importId, bucket), bucket, counts, done } }),
    );
  }
}

function entryOf(item: Record<string, unknown>): RosterEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...entry } = item;
  return entry as unknown as RosterEntry;
}
