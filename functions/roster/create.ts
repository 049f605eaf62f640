import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { idempotent } from '../../shared/adapters/dynamodb/idempotent';
import type { CreateImportRequest } from '../../shared/api/roster-schemas';
import { routes } from '../../shared/api/routes';
import type { Caller } from '../../shared/core/access/roles';
import { routeHandler } from '../route-handler';
import { createImport } from '../../shared/core/roster/create-import';
import type { z } from 'zod';
import { now } from '../../shared/core/clock';

const stores = { imports: new DynamoDbImportStore(), regulations: new DynamoDbRegulationStore() };

const createOnce = idempotent(
  async (input: { key: string; regulationId: string; request: z.output<typeof CreateImportRequest>; caller: Caller }) =>
    createImport(stores, input.regulationId, input.request, input.caller, now()),
);

export const handler = routeHandler(routes.createImport, async ({ params, body, caller, context }) =>
  createOnce({ key: `${caller.userId}:${params.id}:${body.clientToken}`, regulationId: params.id, request: body, caller }, context),
);
