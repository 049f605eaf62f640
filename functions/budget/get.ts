import { routes } from '../../shared/api/routes';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';
import { now } from '../../shared/core/clock';

export const handler = routeHandler(routes.getProposal, async ({ params }) =>
  viewProposal(budgetStores, requireProposal(await budgetStores.proposals.get(params.proposalId), params.proposalId), now()),
);
