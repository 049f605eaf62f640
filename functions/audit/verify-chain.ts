import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { verifyChain } from '../../shared/core/audit/audit-chain';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { routeHandler } from '../route-handler';

const trail = new DynamoDbAuditTrail();
const regulations = new DynamoDbRegulationStore();

export const handler = routeHandler(routes.verifyAuditChain, async ({ params }) => {
  requireRegulation(await regulations.current(params.id), params.id);
  return verifyChain(params.id, trail.chain(params.id));
});
