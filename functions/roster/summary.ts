import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';

const imports = new DynamoDbImportStore();
const regulations = new DynamoDbRegulationStore();

export const handler = routeHandler(routes.rosterSummary, async ({ params, query }) => {
  const regulation = requireRegulation(await regulations.current(params.id), params.id);
  const summary = await imports.rosterSummary(params.id, query.year);
  // Every segment of the regulation is listed, with 0 where no one is on the roster yet.
  return {
    regulationId: params.id,
    year: query.year,
    version: summary?.version ?? 0,
    segments: Object.fromEntries(regulation.segments.map((s) => [s.code, summary?.segments[s.code] ?? 0])),
    total: summary?.total ?? 0,
    ...(summary?.updatedAt ? { updatedAt: summary.updatedAt } : {}),
  };
});
