import { routes } from '../../shared/api/routes';
import { requireRun } from '../../shared/core/enrollment/require-run';
import { routeHandler } from '../route-handler';
import { enrollmentStores } from './stores';

/** A run's enrolled (with KPJ) or failed people in one NIK bucket, 500 at a time, for exports. */
export const handler = routeHandler(routes.enrollmentRunPeople, async ({ params, query }) => {
  const run = requireRun(await enrollmentStores.runs.get(params.runId), params.runId);
  const page = await enrollmentStores.ledger.page(run, query.status, query.bucket, query.after, 500);
  return {
    bucket: query.bucket,
    people: page.entries.map((entry) => ({
      nik: entry.nik,
      name: entry.name,
      segment: entry.segment,
      status: entry.status,
      ...(entry.kpj ? { kpj: entry.kpj, coverageStart: entry.coverageStart, coverageEnd: entry.coverageEnd } : {}),
      ...(entry.reason ? { reason: entry.reason, message: entry.message } : {}),
    })),
    ...(page.after ? { after: page.after } : {}),
  };
});
