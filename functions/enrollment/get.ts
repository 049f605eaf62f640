import { routes } from '../../shared/api/routes';
import { requireRun } from '../../shared/core/enrollment/require-run';
import { routeHandler } from '../route-handler';
import { enrollmentStores } from './stores';
import { viewRun } from './view';

export const handler = routeHandler(routes.getEnrollmentRun, async ({ params }) =>
  viewRun(requireRun(await enrollmentStores.runs.get(params.runId), params.runId)),
);
