import { routes } from '../../shared/api/routes';
import { requireBill } from '../../shared/core/remittance/require-bill';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.billDiscrepancies, async ({ params, query }) => {
  const bill = await requireBill(remittanceStores.store, params.billId);
  return remittanceStores.store.discrepancies(bill.billId, bill.attempt, query);
});
