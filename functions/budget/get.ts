import { routes } from '../../shared/api/routes';
import { requireProposal } from '../../shared/budget/require-proposal';
import { viewProposal } from '../../shared/budget/view-proposal';
import { routeHandler } from '../../shared/http/route-handler';
import { budgetStores } from './stores';
import { now } from '../../shared/clock';

export const handler = routeHandler(routes.getProposal, async ({ params }) =>
  viewProposal(budgetStores, requireProposal(await budgetStores.proposals.get(params.proposalId), params.proposalId), now()),
);
