import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { type RouteSpec, routeKey } from '../../api/route-spec';
import type { RegionDirectory } from '../../core/access/region-directory';
import type { Caller } from '../../core/access/roles';
import { logger, metrics, tracer } from '../observability/powertools';
import { authorize } from './authorize';
import { errorResponse } from './http-errors';
import { jsonResponse } from './json-response';
import { type ParsedRequest, parseRequest } from './parse-request';
import { gateRegion } from './region-gate';

export type RouteRequest<R extends RouteSpec> = ParsedRequest<R> & {
  /** Undefined only on public routes. */
  caller: R['access'] extends 'public' ? undefined : Caller;
  context: Context;
};

/**
 * Wraps a route's logic into a Lambda handler: Powertools logging, metrics and tracing, then role
 * access, then request validation, then region access (with `regions`), then the logic, then the
 * response, with every error mapped to a status code and a message that says what to do.
 */
export function routeHandler<R extends RouteSpec>(
  route: R,
  logic: (request: RouteRequest<R>) => Promise<z.input<R['response']>>,
  regions: RegionDirectory,
) {
  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .handler(async (event, context) => {
      const response = await respond(route, logic, regions, event, context);
      metrics.addDimensions({ route: routeKey(route), status: `${String(response.statusCode).charAt(0)}xx` });
      metrics.addMetric('ApiResponses', MetricUnit.Count, 1);
      return response;
    });
}

async function respond<R extends RouteSpec>(
  route: R,
  logic: (request: RouteRequest<R>) => Promise<z.input<R['response']>>,
  regions: RegionDirectory,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const caller = authorize(route, event);
    const request = parseRequest(route, event);
    if (caller) {
      logger.appendKeys({ user: caller.username, region: caller.region });
      await gateRegion(route, request, caller, regions);
    }
    const result = await logic({ ...request, caller, context } as RouteRequest<R>);
    const headers = Object.entries(route.responseHeaders ?? {}).map(([name, header]) => [name, header.of(result as never)]);
    return jsonResponse(route.successStatus ?? 200, result, Object.fromEntries(headers));
  } catch (error) {
    return errorResponse(error, { path: event.rawPath, requestId: event.requestContext?.requestId });
  }
}
