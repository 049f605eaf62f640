import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { FOREIGN_CURSOR, decodeCursor, encodeCursor } from '../../api/page-cursor';
import type { Page, PageQuery } from '../../api/page-query';
import { InvalidInputError } from '../../core/errors';
import { type QueriedKey, queryPage } from './query-page';

/** One query of a list that spans several partitions, with the key it reads. */
export interface PartitionQuery {
  readonly query: QueryCommandInput;
  readonly key: QueriedKey;
}

/**
 * One page of a list that spans partitions (the regulations a region reaches, each with its own
 * proposals or runs), read one partition after another in the given order. The cursor says which
 * partition the page stopped in and, within it, the cursor of queryPage; an index outside the
 * list is refused, so a cursor only ever leads into the partitions the caller was given.
 */
export async function queryPartitionsPage(partitions: readonly PartitionQuery[], page: PageQuery): Promise<Page<Record<string, unknown>>> {
  if (partitions.length === 1) return queryPage(partitions[0]!.query, page, partitions[0]!.key);
  let { index, within } = startOf(page.cursor, partitions.length);
  const items: Record<string, unknown>[] = [];
  for (; index < partitions.length; index++, within = undefined) {
    const { query, key } = partitions[index]!;
    const part = await queryPage(query, { limit: page.limit - items.length, cursor: within }, key);
    items.push(...part.items);
    if (part.nextCursor) return { items, nextCursor: encodeCursor({ partition: index, within: part.nextCursor }) };
    if (items.length === page.limit) {
      return index + 1 < partitions.length ? { items, nextCursor: encodeCursor({ partition: index + 1 }) } : { items };
    }
  }
  return { items };
}

function startOf(cursor: string | undefined, partitions: number): { index: number; within?: string } {
  if (!cursor) return { index: 0 };
  const { partition, within } = decodeCursor(cursor) ?? {};
  if (!Number.isInteger(partition) || (partition as number) < 0 || (partition as number) >= partitions || (within !== undefined && typeof within !== 'string')) {
    throw new InvalidInputError(`The cursor ${FOREIGN_CURSOR}.`, [{ path: 'query.cursor', message: FOREIGN_CURSOR }]);
  }
  return { index: partition as number, ...(within !== undefined ? { within: within as string } : {}) };
}
