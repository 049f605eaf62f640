import { type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import { documentClient } from './document-client';
import { GSI1_KEY } from './query-page';
import { queryPartitionsPage } from './query-partitions-page';

/**
 * The items of one gsi1 list (e.g. a regulation's proposals, runs, imports or renewals), newest
 * first by their gsi1sk. For lists a regulation keeps short (a few dozen a year).
 */
export async function listNewestFirst(table: string, list: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: documentClient }, newestFirst(table, list))) items.push(...(page.Items ?? []));
  return items;
}

/** One page of several such lists (each regulation's), one list after another, for the API's list routes. */
export async function pageNewestFirst(table: string, lists: readonly string[], page: PageQuery): Promise<Page<Record<string, unknown>>> {
  if (lists.length === 0) return { items: [] };
  return queryPartitionsPage(
    lists.map((list) => ({ query: newestFirst(table, list), key: { partition: { attribute: 'gsi1pk', value: list }, attributes: GSI1_KEY } })),
    page,
  );
}

function newestFirst(table: string, list: string): QueryCommandInput {
  return {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': list },
    ScanIndexForward: false,
  };
}
