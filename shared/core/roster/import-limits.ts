/**
 * Sizes that shape the roster import. Chunks stay under 1 MB so that an upload is far below API
 * Gateway's 10 MB and Lambda's 6 MB payload limits (see docs/roster.md).
 */
export const MAX_CHUNK_BYTES = 1_000_000;
/** Rows a shard checks, reads and writes together: several BatchGetItem/BatchWriteItem calls in flight. */
export const SHARD_PAGE_ROWS = 500;
