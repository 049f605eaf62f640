import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/http/route-handler';
import { enrollmentStores } from './stores';
import { viewRun } from './view';

export const handler = routeHandler(routes.listEnrollmentRuns, async ({ query }) => {
  const records = await enrollmentStores.runs.list(query.regulationId ? { regulationId: query.regulationId } : {});
  return { runs: await Promise.all(records.map(viewRun)) };
});
