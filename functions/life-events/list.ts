import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { routes } from '../../shared/api/routes';
import { keepReached } from '../../shared/core/access/require-reach';
import { regionDirectory, routeHandler } from '../route-handler';

const store = new DynamoDbLifeEventStore();

export const handler = routeHandler(routes.lifeEvents, async ({ query, caller }) => {
  const page = await store.page(query.nik, query);
  const events = await keepReached(page.items, (event) => event.regulationId, caller, (id) => regionDirectory.jurisdictionOf(id));
  return { events, nextCursor: page.nextCursor };
});
