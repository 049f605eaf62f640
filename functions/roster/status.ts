import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { importStatusOf } from '../../shared/core/roster/import-status';
import { requireImport } from '../../shared/core/roster/require-import';

const store = new DynamoDbImportStore();

export const handler = routeHandler(routes.importStatus, async ({ params }) => {
  const record = requireImport(await store.get(params.importId), params.importId);
  const [received, shards] = await Promise.all([store.received(params.importId), record.totals ? [] : store.shardCounts(params.importId)]);
  return importStatusOf(record, received, shards);
});
