import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/**
 * The items of one gsi1 list (e.g. `PROPOSALS`, `RUNS`), newest first by their gsi1sk time, of
 * one regulation or all. For lists a deployment keeps short (a few dozen a year).
 */
export async function listNewestFirst(table: string, list: string, filter: { regulationId?: string }): Promise<Record<string, unknown>[]> {
  return queryAll(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(filter.regulationId ? { FilterExpression: 'regulationId = :regulation' } : {}),
      ExpressionAttributeValues: { ':pk': list, ...(filter.regulationId ? { ':regulation': filter.regulationId } : {}) },
      ScanIndexForward: false,
    }),
  );
}
