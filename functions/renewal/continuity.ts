import { DynamoDbCoverLedger } from '../../shared/adapters/dynamodb/dynamodb-cover-ledger';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { continuityPage } from '../../shared/core/renewal/continuity-page';

const cover = new DynamoDbCoverLedger();

export const handler = routeHandler(routes.continuity, async ({ params, query }) => continuityPage(cover, { regulationId: params.id, ...query }));
