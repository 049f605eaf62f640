import { routes } from '../../shared/api/routes';
import { runSimulation } from '../../shared/core/simulation/run-simulation';
import { routeHandler } from '../route-handler';
import { simulationStores } from './stores';

export const handler = routeHandler(routes.simulateScenario, async ({ params, query }) => {
  return runSimulation(simulationStores, { regulationId: params.id, scenarioId: params.scenarioId, ...(query.version !== undefined ? { version: query.version } : {}) });
});
