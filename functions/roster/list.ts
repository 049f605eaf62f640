import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { importStatusOf } from '../../shared/core/roster/import-status';

const store = new DynamoDbImportStore();

export const handler = routeHandler(routes.listImports, async ({ params, query }) => {
  const page = await store.page(params.id, query);
  return {
    // Listing shows final totals; the live counts of a running import are on its own status.
    imports: page.items.map((record) => importStatusOf(record, { chunks: [], rows: 0 }, [])),
    nextCursor: page.nextCursor,
  };
});
