import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { renewalView } from '../../shared/core/renewal/renewal-view';
import { renewalStores } from './stores';

export const handler = routeHandler(routes.listRenewals, async ({ params, query }) => {
  const page = await renewalStores.renewals.page(params.id, query);
  return { renewals: page.items.map(renewalView), nextCursor: page.nextCursor };
});
