import { routes } from '../../shared/api/routes';
import { reachedRegulationIds } from '../../shared/core/access/reached-regulations';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';
import { now } from '../../shared/core/clock';

export const handler = routeHandler(routes.listProposals, async ({ query, caller }) => {
  const regulationIds = await reachedRegulationIds(budgetStores.regulations, caller, query.regulationId);
  const page = await budgetStores.proposals.page({ regulationIds }, query);
  const proposals = await Promise.all(page.items.map((record) => viewProposal(budgetStores, record, now())));
  return { proposals: query.status ? proposals.filter((p) => p.status === query.status) : proposals, nextCursor: page.nextCursor };
});
