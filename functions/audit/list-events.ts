import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/http/route-handler';

const trail = new DynamoDbAuditTrail();

export const handler = routeHandler(routes.auditEvents, async ({ query }) => {
  const separator = query.entity.indexOf(':');
  return { events: await trail.eventsOf(query.entity.slice(0, separator), query.entity.slice(separator + 1)) };
});
