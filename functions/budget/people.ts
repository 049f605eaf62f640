import { DynamoDbRosterLedger } from '../../shared/adapters/dynamodb/dynamodb-roster-ledger';
import { routes } from '../../shared/api/routes';
import { proposalPeople } from '../../shared/core/budget/proposal-people';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';

const roster = new DynamoDbRosterLedger();

export const handler = routeHandler(routes.proposalPeople, async ({ params, query }) =>
  proposalPeople({ proposals: budgetStores.proposals, roster }, { proposalId: params.proposalId, ...query }),
);
