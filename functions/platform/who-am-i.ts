import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';

export const handler = routeHandler(routes.whoAmI, async ({ caller }) => ({
  userId: caller.userId,
  username: caller.username,
  roles: [...caller.roles],
  ...(caller.region ? { region: caller.region } : {}),
}));
