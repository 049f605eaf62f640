import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/http/route-handler';
import { renewalView } from '../../shared/renewal/renewal-view';
import { requireRenewal } from '../../shared/renewal/require-renewal';
import { renewalStores } from './stores';

export const handler = routeHandler(routes.getRenewal, async ({ params }) =>
  renewalView(requireRenewal(await renewalStores.renewals.get(params.id, params.year), params.id, params.year)),
);
