import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { regionDirectory, routeHandler } from '../route-handler';
import { recordLifeEvent } from '../../shared/core/life-events/record-life-event';

const stores = { lifeEvents: new DynamoDbLifeEventStore(), proposals: new DynamoDbProposalStore(), regions: regionDirectory };

export const handler = routeHandler(routes.recordLifeEvent, async ({ body, caller }) => recordLifeEvent(stores, body, caller, now()));
