import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { completeImport } from '../../shared/core/roster/complete-import';
import { now } from '../../shared/core/clock';

const store = new DynamoDbImportStore();
const workflows = new SfnWorkflowStarter();

export const handler = routeHandler(routes.completeImport, async ({ params, body, caller }) =>
  completeImport(store, workflows, params.importId, body, caller, now()),
);
