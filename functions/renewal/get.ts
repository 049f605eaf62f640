import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { renewalView } from '../../shared/core/renewal/renewal-view';
import { requireRenewal } from '../../shared/core/renewal/require-renewal';
import { renewalStores } from './stores';

export const handler = routeHandler(routes.getRenewal, async ({ params }) =>
  renewalView(requireRenewal(await renewalStores.renewals.get(params.id, params.year), params.id, params.year)),
);
