/**
 * The `cursor` of a list page: where the next page starts, opaque to clients. It is the
 * DynamoDB key the last page stopped at, as base64url JSON; only key attributes (strings and
 * numbers) ever go in, so anything else coming back was not given out by Lindung.
 */
export type CursorKey = Record<string, string | number>;

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key a cursor carries, or undefined when the text is not a cursor at all. */
export function decodeCursor(cursor: string): CursorKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return undefined;
  const values = Object.values(key);
  if (values.length === 0 || !values.every((value) => typeof value === 'string' || typeof value === 'number')) return undefined;
  return key as CursorKey;
}

/** What a client is told about a cursor it altered, kept, or took from another list. */
export const FOREIGN_CURSOR = "is not a cursor this list gave out: send the previous page's nextCursor as it is, or none for the first page";
