import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { openBill } from '../../shared/core/remittance/open-bill';
import { routeHandler } from '../route-handler';
import { remittanceStores } from './stores';

export const handler = routeHandler(routes.openBill, async ({ params, body, caller }) => {
  const regulation = requireRegulation(await remittanceStores.regulations.current(params.id), params.id);
  const { bill } = await openBill(remittanceStores.store, regulation, { ...body, source: 'file' }, caller, now());
  return bill;
});
