import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';

const store = new DynamoDbRegulationStore();

export const handler = routeHandler(routes.listRegulations, async ({ query, caller }) => {
  const page = caller.region ? await store.page(query, caller.region) : { items: [] };
  return {
    regulations: page.items.map((regulation) => ({
      id: regulation.id,
      title: regulation.title,
      jurisdiction: regulation.jurisdiction,
      version: regulation.version,
      segments: regulation.segments.length,
      targetHeadcount: regulation.segments.reduce((sum, segment) => sum + segment.targetHeadcount, 0),
      recordedAt: regulation.recordedAt,
    })),
    nextCursor: page.nextCursor,
  };
});
