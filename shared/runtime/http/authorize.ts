import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteSpec } from '../../api/route-spec';
import type { Caller } from '../../core/access/roles';
import { ForbiddenError } from '../../core/errors';
import { callerFromClaims } from './caller-from-claims';
import { UnauthenticatedError } from './http-errors';

/**
 * The one place that decides role access, for every handler. API Gateway has already checked the
 * token's signature; this checks that the caller holds one of the route's roles.
 */
export function authorize(route: RouteSpec, event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller | undefined {
  if (route.access === 'public') return undefined;
  const caller = callerFromClaims(event.requestContext?.authorizer?.jwt?.claims);
  if (!caller) throw new UnauthenticatedError();
  if (!caller.roles.some((role) => route.access.includes(role))) {
    const needed = route.access.join(' or ');
    const held = caller.roles.length > 0 ? caller.roles.join(', ') : 'no role';
    throw new ForbiddenError(`${route.method} ${route.path} needs the ${needed} role; ${caller.username} has ${held}.`);
  }
  return caller;
}
