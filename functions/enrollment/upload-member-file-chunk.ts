import { routes } from '../../shared/api/routes';
import { receiveMemberAnswers } from '../../shared/core/enrollment/receive-member-answers';
import { routeHandler } from '../route-handler';
import { enrollmentStores } from './stores';

export const handler = routeHandler(routes.uploadMemberFileChunk, async ({ params, body }) =>
  receiveMemberAnswers(enrollmentStores, params.proposalId, params.seq, body.rows),
);
