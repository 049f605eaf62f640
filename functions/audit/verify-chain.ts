import { chainHeadArchiveOfEnv } from '../../shared/adapters/audit-export/chain-head-archive-of-env';
import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { verifyRegulationChain } from '../../shared/core/audit/verify-regulation-chain';
import { routeHandler } from '../route-handler';

const stores = { regulations: new DynamoDbRegulationStore(), trail: new DynamoDbAuditTrail(), archive: chainHeadArchiveOfEnv() };

export const handler = routeHandler(routes.verifyAuditChain, async ({ params }) => verifyRegulationChain(stores, params.id));
