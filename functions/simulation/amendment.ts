import { routes } from '../../shared/api/routes';
import { scenarioAmendment } from '../../shared/core/simulation/scenario-amendment';
import { routeHandler } from '../route-handler';
import { simulationStores } from './stores';

export const handler = routeHandler(routes.scenarioAmendment, async ({ params, query }) =>
  scenarioAmendment(simulationStores, { regulationId: params.id, scenarioId: params.scenarioId, ...(query.version !== undefined ? { version: query.version } : {}) }),
);
