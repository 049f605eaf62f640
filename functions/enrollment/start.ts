import { routes } from '../../shared/api/routes';
import { currentVersions } from '../../shared/core/budget/current-versions';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { now } from '../../shared/core/clock';
import { startRun } from '../../shared/core/enrollment/start-run';
import { routeHandler } from '../route-handler';
import { enrollmentStores as stores } from './stores';
import { viewRun } from './view';

export const handler = routeHandler(routes.startEnrollmentRun, async ({ body, caller }) => {
  const proposal = requireProposal(await stores.proposals.get(body.proposalId), body.proposalId);
  const current = await currentVersions(stores, proposal.regulationId, proposal.year);
  const { record } = await startRun(stores, proposal, current, caller, now());
  return viewRun(record);
});
