import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';
import { routes } from '../../shared/api/routes';
import { currentVersions } from '../../shared/core/budget/current-versions';
import { decideBudget } from '../../shared/core/budget/decide-budget';
import { jakartaDate } from '../../shared/core/calendar/jakarta-date';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';
import { now as clockNow } from '../../shared/core/clock';

const workflows = new SfnWorkflowStarter();

export const handler = routeHandler(routes.decideBudget, async ({ params, body, caller }) => {
  const now = clockNow();
  const record = requireProposal(await budgetStores.proposals.get(params.proposalId), params.proposalId);
  const current = await currentVersions(budgetStores, record.regulationId, record.year);
  const decided = await decideBudget({ proposals: budgetStores.proposals, workflows }, record, body, caller, { now, today: jakartaDate(now), current });
  return viewProposal(budgetStores, decided, now);
});
