import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { withdrawBill } from '../../shared/core/remittance/withdraw-bill';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.withdrawBill, async ({ params, body, caller }) => withdrawBill(remittanceStores.store, params.billId, body, caller, now()));
