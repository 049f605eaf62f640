import { routes } from '../../shared/api/routes';
import { requireBill } from '../../shared/core/remittance/require-bill';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.getBill, async ({ params }) => requireBill(remittanceStores.store, params.billId));
