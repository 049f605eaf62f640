/**
 * How many items a list route returns per page (shared/api/page-query.ts). Kept apart from the
 * zod schemas so that the web console's bundle can use them without the schema library.
 */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;
