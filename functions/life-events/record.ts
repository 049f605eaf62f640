import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { routeHandler } from '../../shared/runtime/http/route-handler';
import { recordLifeEvent } from '../../shared/core/life-events/record-life-event';

const stores = { lifeEvents: new DynamoDbLifeEventStore(), proposals: new DynamoDbProposalStore() };

export const handler = routeHandler(routes.recordLifeEvent, async ({ body, caller }) => recordLifeEvent(stores, body, caller, now()));
