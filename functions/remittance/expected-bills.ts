import { routes } from '../../shared/api/routes';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { expectedBills } from '../../shared/core/remittance/expected-bills';
import { routeHandler } from '../route-handler';
import { remittanceStores, runFiguresOf } from './stores';

export const handler = routeHandler(routes.expectedBills, async ({ params, query }) => {
  const regulation = requireRegulation(await remittanceStores.regulations.current(params.id), params.id);
  const [runs, bills] = await Promise.all([runFiguresOf(params.id), remittanceStores.store.billsOfYear(params.id, query.year)]);
  return { regulationId: params.id, year: query.year, bills: expectedBills(regulation, query.year, runs, bills) };
});
