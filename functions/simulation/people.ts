import { routes } from '../../shared/api/routes';
import { scenarioPeople } from '../../shared/core/simulation/scenario-people';
import { routeHandler } from '../route-handler';
import { simulationStores } from './stores';

export const handler = routeHandler(routes.scenarioPeople, async ({ params, query }) =>
  scenarioPeople(simulationStores, { regulationId: params.id, scenarioId: params.scenarioId, ...query }),
);
