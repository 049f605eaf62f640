import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/runtime/http/route-handler';
import { enrollmentStores } from './stores';
import { viewRun } from './view';

export const handler = routeHandler(routes.listEnrollmentRuns, async ({ query }) => {
  const page = await enrollmentStores.runs.page(query.regulationId ? { regulationId: query.regulationId } : {}, query);
  return { runs: await Promise.all(page.items.map(viewRun)), nextCursor: page.nextCursor };
});
