import { type QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';

/** Runs a query to its last page. Only for result sets known to be small (a regulation's versions). */
export async function queryAll(command: QueryCommand): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    command.input.ExclusiveStartKey = startKey;
    const page: QueryCommandOutput = await documentClient.send(command);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
