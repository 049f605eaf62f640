/**
 * The payload format 2.0 event API Gateway hands a Lambda proxy integration, built from a Node
 * request: headers and query parameters joined as API Gateway joins them, cookies in their own
 * field, binary bodies base64-encoded, API Gateway's request id and time formats, and the JWT
 * authorizer's context with its claims stringified as the function would see them in AWS.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { HttpRoute } from './http-api-definition';
import type { RouteMatch } from './http-route-matching';
import { LOCAL_ACCOUNT } from './local-names';

/** The payload format 2.0 event API Gateway sends to a Lambda proxy integration. */
export function apiGatewayEvent(
  request: IncomingMessage,
  body: Buffer,
  match: RouteMatch,
  requestId: string,
  apiId: string,
  claims: JWTPayload | undefined,
): APIGatewayProxyEventV2 {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQueryString = queryStart < 0 ? '' : url.slice(queryStart + 1);
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const headers = joinedHeaders(request.rawHeaders);
  // Cookies travel in their own field; API Gateway takes them out of the headers.
  const cookies = headers.cookie?.split(/;\s*/).filter(Boolean);
  delete headers.cookie;
  const host = headers.host ?? 'localhost';
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const queryStringParameters = queryParameters(rawQueryString);
  const now = new Date();
  const binary = body.length > 0 && !isTextContent(headers['content-type']);
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: jwtAuthorizerContext(claims, match.route) } : {}),
    },
    ...(body.length ? { body: body.toString(binary ? 'base64' : 'utf8') } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    isBase64Encoded: binary,
  };
  return event;
}

/** `requestContext.authorizer` of a JWT route; scopes are only listed for routes that require some. */
function jwtAuthorizerContext(claims: JWTPayload, route: HttpRoute) {
  return { jwt: { claims: stringifiedClaims(claims), scopes: route.auth?.scopes.length ? tokenScopes(claims) : null } };
}

/**
 * Claims as API Gateway hands them to the function: every value a string, a list as
 * `[a b c]` (so `cognito:groups` arrives as "[admin finance]").
 */
export function stringifiedClaims(claims: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.map(String).join(' ')}]`
        : value !== null && typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}

export function tokenScopes(claims: JWTPayload): string[] {
  return typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
}

/** Header names lower-cased and repeated headers comma-joined, as in payload format 2.0. */
function joinedHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!.toLowerCase();
    const value = rawHeaders[index + 1]!;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = parameters[name] === undefined ? value : `${parameters[name]},${value}`;
  }
  return Object.keys(parameters).length ? parameters : undefined;
}

/** Content types API Gateway passes as text; every other body reaches the function base64-encoded. */
function isTextContent(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return false;
  return (
    type.startsWith('text/') ||
    /^application\/(.+\+)?(json|xml)$/.test(type) ||
    type === 'application/javascript'
  );
}

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's requestContext.time. */
function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** API Gateway request ids look like `JKJaXmPLvHcESHA=`. */
export function apiGatewayRequestId(): string {
  return `${randomBytes(10).toString('base64').slice(0, 15)}=`;
}

export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
