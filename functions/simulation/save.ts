import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { InvalidInputError } from '../../shared/core/errors';
import { saveScenario } from '../../shared/core/simulation/save-scenario';
import { routeHandler } from '../route-handler';
import { simulationStores } from './stores';

export const handler = routeHandler(routes.saveScenario, async ({ params, body, caller }) => {
  const mismatched = [
    ...(body.id !== params.scenarioId ? [{ path: 'id', message: `must equal the scenario id in the URL (${params.scenarioId})` }] : []),
    ...(body.regulationId !== params.id ? [{ path: 'regulationId', message: `must equal the regulation id in the URL (${params.id})` }] : []),
  ];
  if (mismatched.length > 0) throw new InvalidInputError("The scenario document does not match the URL", mismatched);
  return saveScenario(simulationStores, body, caller, now());
});
