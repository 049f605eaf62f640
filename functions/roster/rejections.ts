import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { explainProblem } from '../../shared/core/roster/rejection-reasons';
import { requireImport } from '../../shared/core/roster/require-import';

const store = new DynamoDbImportStore();
const PAGE_ROWS = 1000;

export const handler = routeHandler(routes.importRejections, async ({ params, query }) => {
  requireImport(await store.get(params.importId), params.importId);
  const page = await store.rejections(params.importId, query.cursor, PAGE_ROWS, query.kind);
  return {
    rows: page.rows.map(({ row, values, cells, dateCells, problems }) => ({
      row,
      values,
      ...(cells ? { cells } : {}),
      ...(dateCells ? { dateCells } : {}),
      problems: problems.map(explainProblem),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
});
