import { routes } from '../../shared/api/routes';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { routeHandler } from '../../shared/runtime/http/route-handler';
import { budgetStores } from './stores';
import { now } from '../../shared/core/clock';

export const handler = routeHandler(routes.listProposals, async ({ query }) => {
  const page = await budgetStores.proposals.page(query.regulationId ? { regulationId: query.regulationId } : {}, query);
  const proposals = await Promise.all(page.items.map((record) => viewProposal(budgetStores, record, now())));
  return { proposals: query.status ? proposals.filter((p) => p.status === query.status) : proposals, nextCursor: page.nextCursor };
});
