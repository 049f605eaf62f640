import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { disputeLine } from '../../shared/core/remittance/dispute-line';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.disputeBillLine, async ({ params, body, caller }) => disputeLine(remittanceStores.store, params.billId, body, caller, now()));
