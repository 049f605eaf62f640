import { routes } from '../../shared/api/routes';
import { reachedRegulationIds } from '../../shared/core/access/reached-regulations';
import { routeHandler } from '../route-handler';
import { enrollmentStores } from './stores';
import { viewRun } from './view';

export const handler = routeHandler(routes.listEnrollmentRuns, async ({ query, caller }) => {
  const regulationIds = await reachedRegulationIds(enrollmentStores.regulations, caller, query.regulationId);
  const page = await enrollmentStores.runs.page({ regulationIds }, query);
  return { runs: await Promise.all(page.items.map(viewRun)), nextCursor: page.nextCursor };
});
