import { routes } from '../../shared/api/routes';
import { routeHandler } from '../../shared/http/route-handler';
import { renewalView } from '../../shared/renewal/renewal-view';
import { renewalStores } from './stores';

export const handler = routeHandler(routes.listRenewals, async ({ params }) => ({
  renewals: (await renewalStores.renewals.list(params.id)).map(renewalView),
}));
