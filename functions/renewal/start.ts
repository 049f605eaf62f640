import { routes } from '../../shared/api/routes';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { now } from '../../shared/core/clock';
import { routeHandler } from '../route-handler';
import { renewalView } from '../../shared/core/renewal/renewal-view';
import { startRenewal } from '../../shared/core/renewal/start-renewal';
import { renewalStores, workflows } from './stores';

/** An admin starts a renewal before its day, or again after a failure or an unapprovable budget. */
export const handler = routeHandler(routes.startRenewal, async ({ params, body, caller }) => {
  const at = now();
  const existing = await renewalStores.renewals.get(params.id, body.year);
  const proposal = existing?.proposalId
    ? await viewProposal(renewalStores, requireProposal(await renewalStores.proposals.get(existing.proposalId), existing.proposalId), at)
    : undefined;
  const record = await startRenewal(renewalStores, workflows, { regulationId: params.id, year: body.year, trigger: 'admin', ...(proposal ? { proposal } : {}) }, caller, at);
  return renewalView(record);
});
