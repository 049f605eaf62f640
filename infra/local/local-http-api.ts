import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { apiGatewayEvent, apiGatewayRequestId, header, tokenScopes } from './api-gateway-event';
import type { HttpApiDefinition, HttpRoute } from './http-api-definition';
import { preflightHeaders, withCorsHeaders } from './http-api-cors';
import { matchRoute, type RouteMatch } from './http-route-matching';
import { tokenOfIdentitySource } from './jwt-identity-source';
import { verifyLocalToken } from '../../shared/runtime/local-auth/local-token';
import type { LocalLambdas } from './local-lambdas';
import { HTTP_API_BODY_LIMIT_BYTES, PayloadLimitError } from './payload-limits';
import { readBody } from './read-body';
import { LocalStackUnsupportedError } from './unsupported-error';
import type { UsageMeter } from './usage-meter';

export interface LocalHttpApiOptions {
  readonly definition: HttpApiDefinition | undefined;
  readonly lambdas: LocalLambdas;
  /** Holds the local signing key. */
  readonly dataDir: string;
  /** One line per request on stdout (method, path, status, time; never tokens or bodies). */
  readonly log?: boolean;
  /** Counts the requests API Gateway would bill (those that reach a route's function). */
  readonly usage?: UsageMeter;
}

export interface Reply {
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
      process.stdout.write(`${time} ${request.method} ${pathOf(request)} ${reply.status} ${Date.now() - started} ms\n`);
    }
  }

  private async serve(request: IncomingMessage): Promise<Reply> {
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
    const match = matchRoute(this.routes, request.method ?? 'GET', pathOf(request));
    if (!match) return json(404, { message: 'Not Found' });

    const requestId = apiGatewayRequestId();
    let claims: JWTPayload | undefined;
    const { auth } = match.route;
    if (auth) {
      const token = tokenOfIdentitySource(header(request, auth.header));
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
      return this.metered(body, integrationFailure(error, match, request));
    }
    const reply = functionReply(result);
    if (!reply) {
      process.stderr.write(`[local api] ${match.functionId} returned a malformed response for ${match.route.routeKey}\n`);
      return this.metered(body, json(500, { message: 'Internal Server Error' }));
    }
    return this.metered(body, { ...reply, headers: { ...reply.headers, 'apigw-requestid': requestId } });
  }

  private metered(requestBody: Buffer, reply: Reply): Reply {
    this.options.usage?.httpApiRequest(requestBody.length, reply.body.length);
    return reply;
  }
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

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/**
 * Listens on 127.0.0.1 (never on other interfaces: the local stack trusts its machine) before
 * there is anything to serve: the local functions need the Step Functions endpoint's URL before
 * they exist. Requests wait for a listener.
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
  if (typeof address !== 'object' || !address) throw new Error('The local server has no address');
  return { server, port: address.port };
}
