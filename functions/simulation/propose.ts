import type { z } from 'zod';
import { DynamoDbScenarioStore } from '../../shared/adapters/dynamodb/dynamodb-scenario-store';
import { idempotent } from '../../shared/adapters/dynamodb/idempotent';
import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';
import type { ScenarioProposalRequest } from '../../shared/api/simulation-schemas';
import { routes } from '../../shared/api/routes';
import type { Caller } from '../../shared/core/access/roles';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { now } from '../../shared/core/clock';
import { proposeFromScenario } from '../../shared/core/simulation/propose-from-scenario';
import { budgetStores } from '../budget/stores';
import { routeHandler } from '../route-handler';

const stores = { ...budgetStores, scenarios: new DynamoDbScenarioStore(), workflows: new SfnWorkflowStarter() };

const proposeOnce = idempotent(
  async (input: { key: string; ref: { regulationId: string; scenarioId: string }; request: z.output<typeof ScenarioProposalRequest>; caller: Caller }) =>
    viewProposal(budgetStores, await proposeFromScenario(stores, input.ref, input.request, input.caller, now()), now()),
);

export const handler = routeHandler(routes.proposeFromScenario, async ({ params, body, caller, context }) =>
  proposeOnce({ key: `${caller.userId}:${params.id}:${params.scenarioId}:${body.clientToken}`, ref: { regulationId: params.id, scenarioId: params.scenarioId }, request: body, caller }, context),
);
