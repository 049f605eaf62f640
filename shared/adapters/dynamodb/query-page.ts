import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { FOREIGN_CURSOR, decodeCursor, encodeCursor } from '../../api/page-cursor';
import type { Page, PageQuery } from '../../api/page-query';
import { InvalidInputError } from '../../core/errors';
import { documentClient } from './document-client';

/** The key of the table or index a query reads: which attribute holds its partition, and every key attribute. */
export interface QueriedKey {
  readonly partition: { readonly attribute: string; readonly value: string };
  /** The table's and, on an index, the index's key attributes: what a position in the query is made of. */
  readonly attributes: readonly string[];
}

export const TABLE_KEY = ['pk', 'sk'] as const;
export const GSI1_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/**
 * A page stops before its items pass this many bytes of JSON, whatever `limit` says: an item may
 * be up to 400 KB, and 200 of those would be far past Lambda's 6 MB response.
 */
const PAGE_BYTES = 4 * 1024 * 1024;

/**
 * A filter can drop every item DynamoDB reads; reading on until the page is full is bounded by
 * this many requests (each reads at most 1 MB), after which the page is returned short, with its
 * nextCursor.
 */
const MAX_READS_PER_PAGE = 10;

/** The same page with each item turned into what the store returns. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}

/**
 * One page of a query, at most `limit` items, from where the cursor says. The cursor leaves out
 * the partition the query reads: the query puts it back, so a cursor can never lead into another
 * list or another regulation's items, and a person's partition (their NIK) never travels in a URL.
 */
export async function queryPage(query: QueryCommandInput, page: PageQuery, key: QueriedKey): Promise<Page<Record<string, unknown>>> {
  const cursorKey = page.cursor ? decodeCursor(page.cursor) : undefined;
  let startKey: Record<string, unknown> | undefined = cursorKey && { ...cursorKey, [key.partition.attribute]: key.partition.value };
  // With a filter, DynamoDB's Limit counts items before the filter: read freely and cut the page here.
  const filtered = query.FilterExpression !== undefined;
  const items: Record<string, unknown>[] = [];
  let bytes = 0;
  let full = false;
  for (let reads = 0; reads < MAX_READS_PER_PAGE; reads++) {
    const command = new QueryCommand({ ...query, ExclusiveStartKey: startKey, Limit: filtered ? undefined : page.limit - items.length });
    const output = await readPage(command, cursorKey !== undefined && reads === 0);
    startKey = output.LastEvaluatedKey;
    for (const item of output.Items ?? []) {
      const size = Buffer.byteLength(JSON.stringify(item));
      if (items.length === page.limit || (items.length > 0 && bytes + size > PAGE_BYTES)) {
        startKey = positionOf(items[items.length - 1]!, key);
        full = true;
        break;
      }
      items.push(item);
      bytes += size;
    }
    if (full || !startKey || items.length === page.limit) break;
  }
  if (!startKey) return { items };
  const { [key.partition.attribute]: _partition, ...position } = startKey;
  return { items, nextCursor: encodeCursor(position) };
}

/** Where a query stands after an item: the item's key attributes, as DynamoDB's LastEvaluatedKey would be. */
function positionOf(item: Record<string, unknown>, key: QueriedKey): Record<string, unknown> {
  return Object.fromEntries(key.attributes.map((attribute) => [attribute, item[attribute]]));
}

/** DynamoDB refuses a start key that is not a key of the index it reads: that cursor was not ours. */
async function readPage(command: QueryCommand, fromClientCursor: boolean): Promise<QueryCommandOutput> {
  try {
    return await documentClient.send(command);
  } catch (error) {
    if (fromClientCursor && (error as Error).name === 'ValidationException') throw foreignCursor();
    throw error;
  }
}

function foreignCursor(): InvalidInputError {
  return new InvalidInputError(`The cursor ${FOREIGN_CURSOR}.`, [{ path: 'query.cursor', message: FOREIGN_CURSOR }]);
}
