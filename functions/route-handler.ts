import type { z } from 'zod';
import { DynamoDbRegionDirectory } from '../shared/adapters/dynamodb/dynamodb-region-directory';
import type { RouteSpec } from '../shared/api/route-spec';
import { type RouteRequest, routeHandler as wrap } from '../shared/runtime/http/route-handler';

/** Where every route's region check finds its regulation, created once per Lambda process. */
export const regionDirectory = new DynamoDbRegionDirectory();

/** A route's Lambda handler, with region access checked against the DynamoDB tables. */
export function routeHandler<R extends RouteSpec>(route: R, logic: (request: RouteRequest<R>) => Promise<z.input<R['response']>>) {
  return wrap(route, logic, regionDirectory);
}
