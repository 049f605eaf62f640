import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { routes } from '../../shared/api/routes';
import { jakartaDayRange } from '../../shared/core/calendar/jakarta-day-range';
import { routeHandler } from '../../shared/runtime/http/route-handler';

const trail = new DynamoDbAuditTrail();

export const handler = routeHandler(routes.auditEvents, async ({ query }) => {
  const separator = query.entity?.indexOf(':') ?? -1;
  const entity = query.entity && separator > 0 ? { entityType: query.entity.slice(0, separator), entityId: query.entity.slice(separator + 1) } : {};
  const search = { ...entity, ...(query.actor ? { actor: query.actor } : {}), ...(query.person ? { person: query.person } : {}), ...jakartaDayRange(query.from, query.to) };
  const page = await trail.searchPage(search, query);
  return { events: page.items, nextCursor: page.nextCursor };
});
