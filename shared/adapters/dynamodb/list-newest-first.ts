import { type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import { documentClient } from './document-client';
import { GSI1_KEY, queryPage } from './query-page';

/**
 * The items of one gsi1 list (e.g. `PROPOSALS`, `RUNS`, a regulation's renewals), newest first by their gsi1sk, of
 * one regulation or all. For lists a deployment keeps short (a few dozen a year).
 */
export async function listNewestFirst(table: string, list: string, filter: { regulationId?: string }): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: documentClient }, newestFirst(table, list, filter))) items.push(...(page.Items ?? []));
  return items;
}

/** One page of the same list, for the API's list routes. */
export async function pageNewestFirst(
  table: string,
  list: string,
  filter: { regulationId?: string },
  page: PageQuery,
): Promise<Page<Record<string, unknown>>> {
  return queryPage(newestFirst(table, list, filter), page, { partition: { attribute: 'gsi1pk', value: list }, attributes: GSI1_KEY });
}

function newestFirst(table: string, list: string, filter: { regulationId?: string }): QueryCommandInput {
  return {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ...(filter.regulationId ? { FilterExpression: 'regulationId = :regulation' } : {}),
    ExpressionAttributeValues: { ':pk': list, ...(filter.regulationId ? { ':regulation': filter.regulationId } : {}) },
    ScanIndexForward: false,
  };
}
