import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';

const store = new DynamoDbRegulationStore();

export const handler = routeHandler(routes.getRegulation, async ({ params }) =>
  requireRegulation(await store.current(params.id), params.id),
);
