import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { verifyLocalToken } from './local-auth';
import type { LocalLambdas } from './local-lambdas';
import { LOCAL_ACCOUNT } from './local-names';
import { HTTP_API_BODY_LIMIT_BYTES, PayloadLimitError } from './payload-limits';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';
import type { AwsJsonService } from './aws-json-service';

/** `x-amz-target` prefixes of the AWS JSON services the local API serves beside the HTTP API. */
const STEP_FUNCTIONS_TARGET_PREFIX = 'AWSStepFunctions.';
const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface CorsConfiguration {
  readonly AllowOrigins?: string[];
  readonly AllowMethods?: string[];
  readonly AllowHeaders?: string[];
  readonly ExposeHeaders?: string[];
  readonly AllowCredentials?: boolean;
  readonly MaxAge?: number;
}

interface JwtRouteAuth {
  readonly authorizerId: string;
  readonly issuer: string;
  readonly audience: string[];
  /** Lower-cased name of the header holding the token (the authorizer's identity source). */
  readonly header: string;
  readonly scopes: string[];
}

type PathSegment = { kind: 'literal'; value: string } | { kind: 'variable'; name: string } | { kind: 'greedy'; name: string };

export interface HttpRoute {
  readonly routeKey: string;
  /** Upper-case method, `ANY`, or undefined for `$default`. */
  readonly method?: string;
  readonly segments?: PathSegment[];
  readonly functionArn: string;
  readonly auth?: JwtRouteAuth;
}

export interface HttpApiDefinition {
  readonly apiId: string;
  readonly cors?: CorsConfiguration;
  readonly routes: HttpRoute[];
}

/**
 * Reads the template's HTTP API, refusing what the local API cannot serve as API Gateway would.
 * It needs only the template, so the local stack calls it before starting anything.
 */
export function readHttpApi(template: LocalTemplate): HttpApiDefinition | undefined {
  const apis = template.ofType('AWS::ApiGatewayV2::Api');
  if (apis.length > 1) {
    throw new LocalStackUnsupportedError(`resource ${apis[1]?.[0]}`, 'a second AWS::ApiGatewayV2::Api (it serves one)');
  }
  const [api] = apis;
  if (!api) return undefined;
  const [apiId] = api;
  const apiProperties = template.properties(apiId) as { ProtocolType?: string; CorsConfiguration?: CorsConfiguration };
  for (const key of ['Body', 'BodyS3Location', 'Target', 'RouteKey']) {
    if (api[1].Properties?.[key] !== undefined) {
      throw new LocalStackUnsupportedError(`API ${apiId}`, `its ${key} property (define routes as AWS::ApiGatewayV2::Route)`);
    }
  }
  if (apiProperties.ProtocolType !== 'HTTP') {
    throw new LocalStackUnsupportedError(`API ${apiId}`, `its protocol ${apiProperties.ProtocolType}`);
  }
  for (const [stageId] of template.ofType('AWS::ApiGatewayV2::Stage')) {
    const { StageName } = template.properties(stageId) as { StageName?: string };
    // Other stages put their name in front of every path; the local API serves only `$default`.
    if (StageName !== '$default') throw new LocalStackUnsupportedError(`stage ${stageId}`, `its name ${StageName}`);
  }
  const routes = template.ofType('AWS::ApiGatewayV2::Route').map(([routeId]) => readRoute(template, routeId));
  return { apiId, ...(apiProperties.CorsConfiguration ? { cors: apiProperties.CorsConfiguration } : {}), routes };
}

function readRoute(template: LocalTemplate, routeId: string): HttpRoute {
  const properties = template.properties(routeId) as {
    RouteKey: string;
    Target?: string;
    AuthorizationType?: string;
    AuthorizerId?: string;
    AuthorizationScopes?: string[];
  };
  const where = `route ${routeId} (${properties.RouteKey})`;
  const integrationId = properties.Target?.replace(/^integrations\//, '');
  if (!integrationId || integrationId === properties.Target) {
    throw new LocalStackUnsupportedError(where, `its target ${properties.Target ?? '(none)'}`);
  }
  const integration = template.properties(integrationId) as {
    IntegrationType?: string;
    IntegrationUri?: string;
    PayloadFormatVersion?: string;
  };
  if (integration.IntegrationType !== 'AWS_PROXY' || !integration.IntegrationUri?.startsWith('arn:aws:lambda:')) {
    throw new LocalStackUnsupportedError(
      `integration ${integrationId}`,
      `its type ${integration.IntegrationType} to ${integration.IntegrationUri} (only Lambda proxy integrations run locally)`,
    );
  }
  if (integration.PayloadFormatVersion !== '2.0') {
    throw new LocalStackUnsupportedError(`integration ${integrationId}`, `payload format ${integration.PayloadFormatVersion}`);
  }
  const authorizationType = properties.AuthorizationType ?? 'NONE';
  if (authorizationType !== 'NONE' && authorizationType !== 'JWT') {
    throw new LocalStackUnsupportedError(where, `authorization type ${authorizationType}`);
  }
  const auth =
    authorizationType === 'JWT'
      ? readJwtAuthorizer(template, properties.AuthorizerId ?? '', properties.AuthorizationScopes)
      : undefined;
  return {
    routeKey: properties.RouteKey,
    ...parseRouteKey(properties.RouteKey, where),
    functionArn: integration.IntegrationUri,
    ...(auth ? { auth } : {}),
  };
}

function readJwtAuthorizer(template: LocalTemplate, authorizerId: string, scopes: string[] | undefined): JwtRouteAuth {
  const properties = template.properties(authorizerId) as {
    AuthorizerType?: string;
    IdentitySource?: string[];
    JwtConfiguration?: { Issuer?: string; Audience?: string[] };
  };
  const where = `authorizer ${authorizerId}`;
  if (properties.AuthorizerType !== 'JWT') throw new LocalStackUnsupportedError(where, `its type ${properties.AuthorizerType}`);
  const identitySource = properties.IdentitySource ?? [];
  const header = /^\$request\.header\.(.+)$/.exec(identitySource[0] ?? '')?.[1];
  if (identitySource.length !== 1 || !header) {
    throw new LocalStackUnsupportedError(
      where,
      `its identity source ${identitySource.join(', ')} (one request header is supported)`,
    );
  }
  return {
    authorizerId,
    issuer: properties.JwtConfiguration?.Issuer ?? '',
    audience: properties.JwtConfiguration?.Audience ?? [],
    header: header.toLowerCase(),
    scopes: scopes ?? [],
  };
}

function parseRouteKey(routeKey: string, where: string): Pick<HttpRoute, 'method' | 'segments'> {
  if (routeKey === '$default') return {};
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match) throw new LocalStackUnsupportedError(where, 'its route key');
  const [, method, path] = match as unknown as [string, string, string];
  const parts = path.split('/').slice(1);
  const segments = parts.map((part, index): PathSegment => {
    const variable = /^\{([^}+]+)(\+?)\}$/.exec(part);
    if (!variable) return { kind: 'literal', value: part };
    const [, name, greedy] = variable as unknown as [string, string, string];
    if (greedy && index !== parts.length - 1) {
      throw new LocalStackUnsupportedError(where, 'a greedy variable before the last segment');
    }
    return greedy ? { kind: 'greedy', name } : { kind: 'variable', name };
  });
  return { method, segments };
}

export interface LocalHttpApiOptions {
  readonly definition: HttpApiDefinition | undefined;
  readonly lambdas: LocalLambdas;
  /** Holds the local signing key. */
  readonly dataDir: string;
  /** Serves `AWSStepFunctions.*` calls on the same port; without it they are unknown operations. */
  readonly stepFunctions?: AwsJsonService;
  /** One line per request on stdout (method, path, status, time; never tokens or bodies). */
  readonly log?: boolean;
}

interface RouteMatch {
  readonly route: HttpRoute;
  readonly functionId: string;
  readonly pathParameters: Record<string, string>;
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * The template's HTTP API as API Gateway runs it: route selection, the JWT authorizer, payload
 * format 2.0 events and responses, CORS, and API Gateway's own error responses. Attach
 * `listener` to a Node HTTP server.
 */
export class LocalHttpApi {
  private readonly routes: { route: HttpRoute; functionId: string }[];

  constructor(private readonly options: LocalHttpApiOptions) {
    this.routes = (options.definition?.routes ?? []).map((route) => {
      const functionId = options.lambdas.logicalIdOfArn(route.functionArn);
      if (!functionId) {
        throw new LocalStackUnsupportedError(
          `route ${route.routeKey}`,
          `its function ${route.functionArn}, which is not in the template`,
        );
      }
      return { route, functionId };
    });
  }

  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    void this.respond(request, response);
  };

  private async respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    let reply: Reply;
    try {
      reply = await this.serve(request);
    } catch (error) {
      process.stderr.write(`[local api] ${request.method} ${pathOf(request)} failed: ${describe(error)}\n`);
      reply = json(500, { message: 'Internal Server Error' });
    }
    try {
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    } catch (error) {
      // A header value Node refuses (e.g. with a line break), from the function's response.
      process.stderr.write(`[local api] ${request.method} ${pathOf(request)}: cannot send the response: ${describe(error)}\n`);
      reply = json(500, { message: 'Internal Server Error' });
      if (response.headersSent) response.destroy();
      else response.writeHead(reply.status, reply.headers).end(reply.body);
    }
    if (this.options.log) {
      const time = new Date(started).toISOString().slice(11, 19);
      // Method, path and status only: tokens, query strings and bodies carry personal data.
      const target = header(request, 'x-amz-target');
      const what = target ? `${request.method} ${target}` : `${request.method} ${pathOf(request)}`;
      process.stdout.write(`${time} ${what} ${reply.status} ${Date.now() - started} ms\n`);
    }
  }

  private async serve(request: IncomingMessage): Promise<Reply> {
    const target = header(request, 'x-amz-target');
    if (request.method === 'POST' && target?.startsWith(STEP_FUNCTIONS_TARGET_PREFIX)) {
      return this.serveAwsJson(request, target, this.options.stepFunctions);
    }
    const cors = this.options.definition?.cors;
    if (cors && request.method === 'OPTIONS' && header(request, 'origin') && header(request, 'access-control-request-method')) {
      return { status: 204, headers: preflightHeaders(cors, request), body: Buffer.alloc(0) };
    }
    const reply = await this.serveRoute(request);
    return cors ? withCorsHeaders(reply, cors, request) : reply;
  }

  private async serveRoute(request: IncomingMessage): Promise<Reply> {
    const body = await readBody(request, HTTP_API_BODY_LIMIT_BYTES);
    if (!body) return json(413, { message: 'Request Entity Too Large' });
    const match = this.match(request.method ?? 'GET', pathOf(request));
    if (!match) return json(404, { message: 'Not Found' });

    const requestId = apiGatewayRequestId();
    let claims: JWTPayload | undefined;
    const { auth } = match.route;
    if (auth) {
      const token = header(request, auth.header)?.replace(/^Bearer\s+/i, '');
      if (!token) return json(401, { message: 'Unauthorized' });
      try {
        claims = await verifyLocalToken(this.options.dataDir, token, auth);
      } catch {
        return json(401, { message: 'Unauthorized' });
      }
      if (auth.scopes.length && !tokenScopes(claims).some((scope) => auth.scopes.includes(scope))) {
        return json(403, { message: 'Forbidden' });
      }
    }
    const event = apiGatewayEvent(request, body, match, requestId, this.options.definition?.apiId ?? 'local', claims);
    let result: unknown;
    try {
      result = await this.options.lambdas.invoke(match.functionId, event);
    } catch (error) {
      return integrationFailure(error, match, request);
    }
    const reply = functionReply(result);
    if (!reply) {
      process.stderr.write(`[local api] ${match.functionId} returned a malformed response for ${match.route.routeKey}\n`);
      return json(500, { message: 'Internal Server Error' });
    }
    return { ...reply, headers: { ...reply.headers, 'apigw-requestid': requestId } };
  }

  /**
   * API Gateway's route selection: the most specific path wins (literal before variable before
   * greedy, segment by segment), a method before ANY, `$default` last.
   */
  private match(method: string, rawPath: string): RouteMatch | undefined {
    const requestSegments = rawPath.split('/').slice(1).map(safeDecode);
    let best: { match: RouteMatch; score: number[] } | undefined;
    for (const { route, functionId } of this.routes) {
      const score = matchScore(route, method, requestSegments);
      if (!score) continue;
      if (!best || compareScores(score.score, best.score) > 0) {
        best = { match: { route, functionId, pathParameters: score.pathParameters }, score: score.score };
      }
    }
    return best?.match;
  }

  private async serveAwsJson(request: IncomingMessage, target: string, service: AwsJsonService | undefined): Promise<Reply> {
    const awsJson = (status: number, body: unknown): Reply => ({
      status,
      headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
      body: Buffer.from(JSON.stringify(body)),
    });
    const body = await readBody(request, HTTP_API_BODY_LIMIT_BYTES);
    if (!body) return awsJson(413, { __type: 'RequestEntityTooLargeException', message: 'Request Entity Too Large' });
    if (!service) return awsJson(400, { __type: 'UnknownOperationException' });
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return awsJson(400, { __type: 'SerializationException', message: 'The request body is not JSON' });
    }
    try {
      const answer = await service.handle(target, input);
      return awsJson(answer.status, answer.body);
    } catch (error) {
      process.stderr.write(`[local api] ${target} failed: ${describe(error)}\n`);
      return awsJson(500, { __type: 'InternalFailure', message: describe(error) });
    }
  }
}

function matchScore(
  route: HttpRoute,
  method: string,
  requestSegments: string[],
): { score: number[]; pathParameters: Record<string, string> } | undefined {
  // `$default` matches everything, below any route.
  if (!route.segments) return { score: [0], pathParameters: {} };
  if (route.method !== 'ANY' && route.method !== method) return undefined;
  const pathParameters: Record<string, string> = {};
  // Per segment 3 (literal), 2 (variable) or 1 (greedy), then the method: 1 for an exact one, 0 for ANY.
  const score: number[] = [1];
  for (const [index, segment] of route.segments.entries()) {
    const value = requestSegments[index];
    if (segment.kind === 'greedy') {
      const rest = requestSegments.slice(index);
      if (!rest.length || rest.join('/') === '') return undefined;
      pathParameters[segment.name] = rest.join('/');
      score.push(1);
      return { score: [...score, route.method === 'ANY' ? 0 : 1], pathParameters };
    }
    if (value === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (segment.value !== value) return undefined;
      score.push(3);
    } else {
      if (value === '') return undefined;
      pathParameters[segment.name] = value;
      score.push(2);
    }
  }
  if (requestSegments.length !== route.segments.length) return undefined;
  return { score: [...score, route.method === 'ANY' ? 0 : 1], pathParameters };
}

function compareScores(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference) return difference;
  }
  return 0;
}

/** The payload format 2.0 event API Gateway sends to a Lambda proxy integration. */
function apiGatewayEvent(
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

function tokenScopes(claims: JWTPayload): string[] {
  return typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
}

/** Maps a function's result as API Gateway does for payload format 2.0; undefined when it is malformed. */
function functionReply(result: unknown): Reply | undefined {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    // Without a statusCode, the whole result is the JSON body of a 200.
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) };
  }
  const structured = result as {
    statusCode: unknown;
    headers?: unknown;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const status = structured.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (structured.body !== undefined && structured.body !== null && typeof structured.body !== 'string') return undefined;
  const headers: Record<string, string | string[]> = {};
  if (structured.headers && typeof structured.headers === 'object') {
    for (const [name, value] of Object.entries(structured.headers)) headers[name.toLowerCase()] = String(value);
  }
  // API Gateway's default for responses that do not name a type.
  headers['content-type'] ??= 'text/plain; charset=utf-8';
  if (Array.isArray(structured.cookies) && structured.cookies.length) headers['set-cookie'] = structured.cookies.map(String);
  const body =
    typeof structured.body === 'string'
      ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
      : Buffer.alloc(0);
  return { status, headers, body };
}

/** What API Gateway answers when the integration itself fails. */
function integrationFailure(error: unknown, match: RouteMatch, request: IncomingMessage): Reply {
  if (error instanceof PayloadLimitError) {
    process.stderr.write(`[local api] ${match.route.routeKey}: ${error.message}\n`);
    // The request direction means the client sent too much; the response direction is the function's fault.
    return json(error.direction === 'response' ? 502 : 413, { message: error.message });
  }
  if (error instanceof Error && error.name === 'Sandbox.Timedout') {
    process.stderr.write(`[local api] ${match.route.routeKey}: ${error.message}\n`);
    return json(503, { message: 'Service Unavailable' });
  }
  process.stderr.write(
    `[local api] function ${match.functionId} failed on ${request.method} ${pathOf(request)} ` +
      `(${match.route.routeKey}): ${describe(error)}\n`,
  );
  return json(500, { message: 'Internal Server Error' });
}

function preflightHeaders(cors: CorsConfiguration, request: IncomingMessage): Record<string, string> {
  const origin = header(request, 'origin') ?? '';
  const method = (header(request, 'access-control-request-method') ?? '').toUpperCase();
  const allowedOrigin = corsOrigin(cors, origin);
  const methods = (cors.AllowMethods ?? []).map((m) => m.toUpperCase());
  // A disallowed origin or method gets an answer without CORS headers; the browser then refuses.
  if (!allowedOrigin || !(methods.includes('*') || methods.includes(method))) return {};
  return {
    'access-control-allow-origin': allowedOrigin,
    'access-control-allow-methods': methods.join(','),
    ...(cors.AllowHeaders?.length ? { 'access-control-allow-headers': cors.AllowHeaders.join(',') } : {}),
    ...(cors.ExposeHeaders?.length ? { 'access-control-expose-headers': cors.ExposeHeaders.join(',') } : {}),
    ...(cors.AllowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(cors.MaxAge !== undefined ? { 'access-control-max-age': String(cors.MaxAge) } : {}),
  };
}

/** With CORS configured, API Gateway replaces the function's CORS headers by its own. */
function withCorsHeaders(reply: Reply, cors: CorsConfiguration, request: IncomingMessage): Reply {
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !name.startsWith('access-control-')));
  const allowedOrigin = corsOrigin(cors, header(request, 'origin') ?? '');
  if (allowedOrigin) {
    headers['access-control-allow-origin'] = allowedOrigin;
    if (cors.ExposeHeaders?.length) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
    if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { ...reply, headers };
}

function corsOrigin(cors: CorsConfiguration, origin: string): string | undefined {
  if (!origin) return undefined;
  const origins = cors.AllowOrigins ?? [];
  if (origins.includes('*')) return '*';
  return origins.includes(origin) ? origin : undefined;
}

/** The request body, or undefined once it passes `limit` (the rest is drained so the client reads the 413). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
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
function apiGatewayRequestId(): string {
  return `${randomBytes(10).toString('base64').slice(0, 15)}=`;
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/**
 * Listens on 127.0.0.1 before there is anything to serve: the local functions need the API's
 * URL (the Step Functions endpoint) before they exist. Requests wait for `listener`.
 */
export async function listenHttp(port: number): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('The local API has no address');
  return { server, port: address.port };
}
