import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { requireRenewal } from '../../shared/core/renewal/require-renewal';
import { renewalStores } from './stores';

/** The diff's people (joiners, leavers, aging out) or the lapsed, one NIK bucket at a time, 500 per page. */
export const handler = routeHandler(routes.renewalPeople, async ({ params, query }) => {
  const record = requireRenewal(await renewalStores.renewals.get(params.id, params.year), params.id, params.year);
  const page = await renewalStores.renewals.people(
    { regulationId: params.id, year: params.year, attempt: record.attempt, kind: query.kind, bucket: query.bucket },
    query.after,
    500,
  );
  return {
    kind: query.kind,
    bucket: query.bucket,
    people: page.people,
    ...(page.more && page.people.length > 0 ? { after: page.people.at(-1)!.nik } : {}),
  };
});
