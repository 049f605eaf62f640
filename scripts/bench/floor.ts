import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';

/**
 * The raw floor of a benchmark: one item of the given size per person, written with plain
 * BatchWriteItem into the same DynamoDB Local, at the best concurrency found by a short sweep.
 * Nothing Lindung does per person can be cheaper than this. With `concurrency` (the sweep's
 * choice in an earlier pair) the sweep is skipped, so every pair's floor writes alike.
 */
export async function measureFloor(args: {
  dynamoDbEndpoint: string;
  table: string;
  people: number;
  item: (i: number) => Record<string, unknown>;
  log: (line: string) => void;
  concurrency?: number;
}): Promise<{ seconds: number; concurrency: number }> {
  const client = DynamoDBDocumentClient.from(localDynamoDbClient(args.dynamoDbEndpoint));
  const write = async (offset: number, count: number, concurrency: number) => {
    const batches = Math.ceil(count / 25);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches) {
          const batch = next++;
          const items = Array.from({ length: Math.min(25, count - batch * 25) }, (_, j) => args.item(offset + batch * 25 + j));
          let pending = items.map((Item) => ({ PutRequest: { Item } }));
          while (pending.length > 0) {
            const result = await client.send(new BatchWriteCommand({ RequestItems: { [args.table]: pending } }));
            pending = (result.UnprocessedItems?.[args.table] ?? []) as typeof pending;
          }
        }
      }),
    );
    return (performance.now() - started) / 1000;
  };

  if (args.concurrency) return { seconds: await write(0, args.people, args.concurrency), concurrency: args.concurrency };
  const sample = Math.min(args.people, 10_000);
  let best = { concurrency: 4, seconds: Number.POSITIVE_INFINITY };
  let offset = 10_000_000;
  for (const concurrency of [2, 4, 8, 16]) {
    const seconds = await write(offset, sample, concurrency);
    offset += sample;
    args.log(`  floor sweep: concurrency ${concurrency}: ${(sample / seconds).toFixed(0)} items/s`);
    if (seconds < best.seconds) best = { concurrency, seconds };
  }
  const seconds = await write(0, args.people, best.concurrency);
  return { seconds, concurrency: best.concurrency };
}
