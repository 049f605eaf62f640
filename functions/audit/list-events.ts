import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { routes } from '../../shared/api/routes';
import { jakartaDayRange } from '../../shared/core/calendar/jakarta-day-range';
import { keepReached } from '../../shared/core/access/require-reach';
import { regionDirectory, routeHandler } from '../route-handler';

const trail = new DynamoDbAuditTrail();

export const handler = routeHandler(routes.auditEvents, async ({ query, caller }) => {
  const separator = query.entity?.indexOf(':') ?? -1;
  const entity = query.entity && separator > 0 ? { entityType: query.entity.slice(0, separator), entityId: query.entity.slice(separator + 1) } : {};
  const search = { ...entity, ...(query.regulationId ? { regulationId: query.regulationId } : {}), ...(query.actor ? { actor: query.actor } : {}), ...(query.person ? { person: query.person } : {}), ...jakartaDayRange(query.from, query.to) };
  const page = await trail.searchPage(search, query);
  // A user acts only in their own region, but a search by entity or by actor could name another
  // region's: its events are left out, as if there were none.
  const events = await keepReached(page.items, (event) => event.regulationId, caller, (id) => regionDirectory.jurisdictionOf(id));
  return { events, nextCursor: page.nextCursor };
});
