import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

const WRITE_BATCH = 25;
const GET_BATCH = 100;
const MAX_ATTEMPTS = 8;

/**
 * Writes any number of items with BatchWriteItem, 25 at a time with a few batches in flight,
 * and resends what DynamoDB reports unprocessed (throttling) with backoff until all are stored.
 */
export async function batchWrite(table: string, requests: readonly WriteRequest[], concurrency = 4): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += WRITE_BATCH) batches.push(requests.slice(i, i + WRITE_BATCH));
  await inParallel(batches, concurrency, async (batch) => {
    let pending: WriteRequest[] = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} writes to ${table} unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 1) await backoff(attempt);
      const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    }
  });
}

/** Reads items by key with BatchGetItem (strongly consistent), resending unprocessed keys. */
export async function batchGet(table: string, keys: readonly Record<string, unknown>[], concurrency = 4): Promise<Record<string, unknown>[]> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += GET_BATCH) batches.push(keys.slice(i, i + GET_BATCH));
  const found: Record<string, unknown>[] = [];
  await inParallel(batches, concurrency, async (batch) => {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} reads from ${table} unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 1) await backoff(attempt);
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(result.Responses?.[table] ?? []));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  });
  return found;
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
}
