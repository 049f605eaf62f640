import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../../lib/for-each-concurrently';
import { type RetryPolicy, withRetries } from '../../lib/retry';
import { documentClient } from './document-client';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

const WRITE_BATCH = 25;
const GET_BATCH = 100;

/** DynamoDB answered a batch but left part of it unprocessed (throttling): that part is sent again. */
class UnprocessedError extends Error {}

/**
 * The SDK retries a batch that fails, not the items a batch that succeeds leaves unprocessed:
 * those are resent here, with backoff, until DynamoDB takes them all.
 */
const UNPROCESSED_RETRIES: RetryPolicy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 2000, retryable: (error) => error instanceof UnprocessedError };

/** Writes any number of items with BatchWriteItem, 25 at a time with a few batches in flight. */
export async function batchWrite(table: string, requests: readonly WriteRequest[], concurrency = 4): Promise<void> {
  await forEachConcurrently(batchesOf(requests, WRITE_BATCH), concurrency, async (batch) => {
    let pending = batch;
    await withRetries(async (attempt) => {
      const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as WriteRequest[];
      if (pending.length > 0) throw new UnprocessedError(`DynamoDB left ${pending.length} writes to ${table} unprocessed after ${attempt} attempts`);
    }, UNPROCESSED_RETRIES);
  });
}

/** Reads items by key with BatchGetItem (strongly consistent), 100 at a time with a few batches in flight. */
export async function batchGet(table: string, keys: readonly Record<string, unknown>[], concurrency = 4): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  await forEachConcurrently(batchesOf(keys, GET_BATCH), concurrency, async (batch) => {
    let pending = batch;
    await withRetries(async (attempt) => {
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(result.Responses?.[table] ?? []));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      if (pending.length > 0) throw new UnprocessedError(`DynamoDB left ${pending.length} reads from ${table} unprocessed after ${attempt} attempts`);
    }, UNPROCESSED_RETRIES);
  });
  return found;
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
