import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { requireRun } from '../../shared/core/enrollment/require-run';
import { retryFailed } from '../../shared/core/enrollment/retry-failed';
import { routeHandler } from '../route-handler';
import { enrollmentStores as stores } from './stores';
import { viewRun } from './view';

export const handler = routeHandler(routes.retryEnrollmentFailures, async ({ params, body, caller }) => {
  const record = requireRun(await stores.runs.get(params.runId), params.runId);
  return viewRun(await retryFailed(stores, record, body.attempt, caller, now()));
});
