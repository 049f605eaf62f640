import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { routes } from '../../shared/api/routes';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { withdrawDecision } from '../../shared/core/budget/withdraw-decision';
import { now as clockNow } from '../../shared/core/clock';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';

const runs = new DynamoDbRunStore();

export const handler = routeHandler(routes.withdrawBudgetDecision, async ({ params, body, caller }) => {
  const now = clockNow();
  const record = requireProposal(await budgetStores.proposals.get(params.proposalId), params.proposalId);
  const withdrawn = await withdrawDecision({ proposals: budgetStores.proposals, runs }, record, body, caller, now);
  return viewProposal(budgetStores, withdrawn, now);
});
