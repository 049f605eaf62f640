import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { acceptBill } from '../../shared/core/remittance/accept-bill';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.acceptBill, async ({ params, body, caller }) => acceptBill(remittanceStores.store, params.billId, body, caller, now()));
