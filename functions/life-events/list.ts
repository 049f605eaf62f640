import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/http/route-handler';

const store = new DynamoDbLifeEventStore();

export const handler = routeHandler(routes.lifeEvents, async ({ query }) => ({ events: await store.ofPerson(query.nik) }));
