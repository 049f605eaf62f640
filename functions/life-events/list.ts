import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/runtime/http/route-handler';

const store = new DynamoDbLifeEventStore();

export const handler = routeHandler(routes.lifeEvents, async ({ query }) => {
  const page = await store.page(query.nik, query);
  return { events: page.items, nextCursor: page.nextCursor };
});
