import { z } from 'zod';
import { FOREIGN_CURSOR, decodeCursor } from './page-cursor';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './page-limits';

/**
 * One convention for every list route: `?limit=&cursor=` in, `nextCursor` out (absent on the
 * last page). A page is bounded by `limit`, so no response grows towards Lambda's 6 MB as data
 * does. A page may hold fewer than `limit` items when a filter drops some; only a missing
 * `nextCursor` means the end.
 */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  cursor: z.string().max(2000).refine((cursor) => decodeCursor(cursor) !== undefined, FOREIGN_CURSOR).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** What a store returns for one page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const NextCursor = z.string().optional().describe('Where the next page starts: send it as `cursor`; absent on the last page');
