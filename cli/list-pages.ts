import type { Command } from 'commander';
import { MAX_PAGE_LIMIT } from '../shared/api/page-limits';
import { callApi, type GlobalOptions } from './api-client';
import { t } from './messages';

/** A list command's paging options (the API's `limit` and `cursor`, docs/api-errors.md#lists). */
export interface PageOptions {
  limit?: string;
  cursor?: string;
}

export function withPageOptions(command: Command): Command {
  return command
    .option('--limit <n>', t('tampilkan satu halaman berisi paling banyak n butir (1-{max}) dan kursor halaman berikutnya', { max: MAX_PAGE_LIMIT }))
    .option('--cursor <cursor>', t('tampilkan halaman yang disebut baris "more: --cursor" sebelumnya'));
}

export interface Listed<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * The items of a list route: with --limit or --cursor, that one page and where the next starts;
 * without, every page, following nextCursor, as the command always showed.
 */
export async function listPages<T>(
  globals: GlobalOptions,
  path: string,
  field: string,
  query: Record<string, string | undefined>,
  options: PageOptions,
): Promise<Listed<T>> {
  const onePage = options.limit !== undefined || options.cursor !== undefined;
  const items: T[] = [];
  let cursor = options.cursor;
  do {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...query, limit: options.limit ?? String(MAX_PAGE_LIMIT), cursor })) {
      if (value !== undefined) search.set(name, value);
    }
    const page = await callApi<Record<string, unknown>>(globals, 'GET', `${path}?${search}`);
    items.push(...(page[field] as T[]));
    cursor = page.nextCursor as string | undefined;
  } while (cursor && !onePage);
  return { items, ...(cursor ? { nextCursor: cursor } : {}) };
}

/** The line that tells how to see the next page, when there is one. */
export function moreLine(listed: Listed<unknown>): string[] {
  return listed.nextCursor ? [`more: --cursor ${listed.nextCursor}`] : [];
}
