import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';

const store = new DynamoDbRegulationStore();
const trail = new DynamoDbAuditTrail();

export const handler = routeHandler(routes.regulationHistory, async ({ params }) => {
  const [versions, events] = await Promise.all([store.versions(params.id), trail.eventsOf('regulation', params.id)]);
  if (versions.length === 0) requireRegulation(undefined, params.id);
  return { versions, events };
});
