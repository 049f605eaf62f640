import { routes } from '../../shared/api/routes';
import { currentVersions } from '../../shared/core/budget/current-versions';
import { jakartaDate } from '../../shared/core/calendar/jakarta-date';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { reviewProposal } from '../../shared/core/budget/review-proposal';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { now as clockNow } from '../../shared/core/clock';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';

export const handler = routeHandler(routes.reviewProposal, async ({ params, body, caller }) => {
  const now = clockNow();
  const record = requireProposal(await budgetStores.proposals.get(params.proposalId), params.proposalId);
  const current = await currentVersions(budgetStores, record.regulationId, record.year);
  const reviewed = await reviewProposal(budgetStores.proposals, record, body, caller, { now, today: jakartaDate(now), current });
  return viewProposal(budgetStores, reviewed, now);
});
