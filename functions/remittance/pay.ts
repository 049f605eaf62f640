import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { recordPayment } from '../../shared/core/remittance/record-payment';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.recordPayment, async ({ params, body, caller }) => recordPayment(remittanceStores.store, params.billId, body, caller, now()));
