import { routes } from '../../shared/api/routes';
import { requireScenario } from '../../shared/core/simulation/run-simulation';
import { routeHandler } from '../route-handler';
import { simulationStores } from './stores';

export const handler = routeHandler(routes.getScenario, async ({ params, query }) => {
  const ref = { regulationId: params.id, scenarioId: params.scenarioId, ...(query.version !== undefined ? { version: query.version } : {}) };
  return requireScenario(await simulationStores.scenarios.get(ref.regulationId, ref.scenarioId, ref.version), ref);
});
