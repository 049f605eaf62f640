import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { completeBill } from '../../shared/core/remittance/complete-bill';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.completeBill, async ({ params, body, caller }) => completeBill(remittanceStores, params.billId, body, caller, now()));
