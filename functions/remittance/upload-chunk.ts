import { routes } from '../../shared/api/routes';
import { receiveBillLines } from '../../shared/core/remittance/receive-bill-lines';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.uploadBillChunk, async ({ params, body }) => receiveBillLines(remittanceStores.store, params.billId, params.seq, body.lines));
