import type { z } from 'zod';
import { idempotent } from '../../shared/adapters/dynamodb/idempotent';
import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';
import type { ProposeRequest } from '../../shared/api/budget-schemas';
import { routes } from '../../shared/api/routes';
import type { Caller } from '../../shared/core/access/roles';
import { proposeBudget } from '../../shared/core/budget/propose-budget';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { routeHandler } from '../route-handler';
import { budgetStores } from './stores';
import { now } from '../../shared/core/clock';

const workflows = new SfnWorkflowStarter();

const proposeOnce = idempotent(async (input: { key: string; request: z.output<typeof ProposeRequest>; caller: Caller }) =>
  viewProposal(budgetStores, await proposeBudget({ ...budgetStores, workflows }, input.request, input.caller, now()), now()),
);

export const handler = routeHandler(routes.proposeBudget, async ({ body, caller, context }) =>
  proposeOnce({ key: `${caller.userId}:${body.clientToken}`, request: body, caller }, context),
);
