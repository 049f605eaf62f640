import type { IsoDate } from '../../core/calendar/calendar';

/**
 * Where a day's export of the chain heads is kept: `chain-heads/YYYY-MM-DD.json`, the same key
 * in the S3 bucket and under the local export directory. Dates sort as text, so the latest
 * export is the greatest key.
 */
export const CHAIN_HEADS_PREFIX = 'chain-heads/';

export function chainHeadKey(date: IsoDate): string {
  return `${CHAIN_HEADS_PREFIX}${date}.json`;
}

const EXPORT_KEY = /^chain-heads\/\d{4}-\d{2}-\d{2}\.json$/;

/** The key of the latest export among `keys` of a day before `before` (any day without it); other keys are ignored. */
export function latestExportKey(keys: Iterable<string>, before?: IsoDate): string | undefined {
  const limit = before === undefined ? undefined : chainHeadKey(before);
  let latest: string | undefined;
  for (const key of keys) {
    if (!EXPORT_KEY.test(key) || (limit !== undefined && key >= limit)) continue;
    if (latest === undefined || key > latest) latest = key;
  }
  return latest;
}
