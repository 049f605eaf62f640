import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { simulationStores } from './stores';

export const handler = routeHandler(routes.listScenarios, async ({ params }) => ({ scenarios: await simulationStores.scenarios.list(params.id) }));
