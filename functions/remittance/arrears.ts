import { routes } from '../../shared/api/routes';
import { now } from '../../shared/core/clock';
import { jakartaDate } from '../../shared/core/calendar/jakarta-date';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { arrearsOf } from '../../shared/core/remittance/record-arrears';
import { routeHandler } from '../route-handler';
import { remittanceStores, runFiguresOf } from './stores';

/** Computed as of now rather than read from the last daily watch, so that a payment shows at once. */
export const handler = routeHandler(routes.arrears, async ({ params, query }) => {
  const regulation = requireRegulation(await remittanceStores.regulations.current(params.id), params.id);
  const at = now();
  return arrearsOf(remittanceStores.store, regulation, query.year, await runFiguresOf(params.id), jakartaDate(at), at);
});
