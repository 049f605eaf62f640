import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { routes } from '../../shared/api/routes';
import { now } from '../../shared/clock';
import { routeHandler } from '../../shared/http/route-handler';
import { recordLifeEvent } from '../../shared/life-events/record-life-event';

const store = new DynamoDbLifeEventStore();

export const handler = routeHandler(routes.recordLifeEvent, async ({ body, caller }) => recordLifeEvent(store, body, caller, now()));
