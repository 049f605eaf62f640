import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RegionCode } from '../../shared/core/access/region-reach';
import { Role } from '../../shared/core/access/roles';
import { REPO_ROOT } from '../constructs/handler-function';
import type { ConsoleConfig } from '../../shared/api/console-config';
import { CONSOLE_BUILD_METADATA_KEY } from '../constructs/web-console';
import type { LocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

/**
 * The web console on the local API's port, standing in for the template's BucketDeployment to S3
 * behind CloudFront: the files come from the same builder the deployment bundles with (named by
 * its `lindung:console-build` metadata), built in memory at start. Being on the API's origin,
 * the console calls the API without CORS.
 *
 * There is no Cognito locally, so this also serves a local-only sign-in: pick a user name and a
 * role, get a token signed with the local key (as `npx lindung login` does). It exists only
 * here, never in the template.
 */

export const CONSOLE_PATH = '/console/';
const SIGN_IN_PATH = `${CONSOLE_PATH}local-sign-in`;
const DEPLOYMENT_TYPE = 'Custom::CDKBucketDeployment';
const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** As the CloudFront response headers policy sets it, with the API on the same origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "frame-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

type ConsoleBuilder = () => Map<string, Uint8Array>;

export class LocalConsole {
  private constructor(
    private readonly files: ReadonlyMap<string, Uint8Array>,
    private readonly dataDir: string,
    private readonly auth: LocalAuthConfig | undefined,
  ) {}

  /** Builds the console of the template's deployment; undefined when the template deploys none. */
  static async fromTemplate(template: LocalTemplate, options: { dataDir: string; auth: LocalAuthConfig | undefined }): Promise<LocalConsole | undefined> {
    const deployments = template.ofType(DEPLOYMENT_TYPE);
    if (deployments.length === 0) return undefined;
    if (deployments.length > 1) {
      throw new LocalStackUnsupportedError(`resource ${deployments[1]![0]}`, `a second ${DEPLOYMENT_TYPE} (the local stack serves one console)`);
    }
    const [logicalId, resource] = deployments[0]!;
    const builderModule = resource.Metadata?.[CONSOLE_BUILD_METADATA_KEY];
    if (typeof builderModule !== 'string') {
      throw new LocalStackUnsupportedError(`resource ${logicalId}`, `it has no "${CONSOLE_BUILD_METADATA_KEY}" metadata naming the module that builds its files`);
    }
    const module = (await import(pathToFileURL(path.join(REPO_ROOT, builderModule)).href)) as { buildConsoleFiles?: ConsoleBuilder };
    if (typeof module.buildConsoleFiles !== 'function') {
      throw new LocalStackUnsupportedError(`resource ${logicalId}`, `${builderModule} does not export buildConsoleFiles`);
    }
    return new LocalConsole(module.buildConsoleFiles(), options.dataDir, options.auth);
  }

  /** A listener serving the console's paths and passing every other request to `api`. */
  in(api: RequestListener): RequestListener {
    return (request, response) => {
      const pathname = (request.url ?? '/').split('?')[0] ?? '/';
      if (pathname === CONSOLE_PATH.slice(0, -1) || pathname.startsWith(CONSOLE_PATH)) void this.serve(request, response, pathname);
      else api(request, response);
    };
  }

  private async serve(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    try {
      if (pathname === SIGN_IN_PATH) return await this.signIn(request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
      if (!pathname.startsWith(CONSOLE_PATH)) {
        response.writeHead(301, { location: CONSOLE_PATH }).end();
        return;
      }
      const name = pathname.slice(CONSOLE_PATH.length) || 'index.html';
      if (name === 'config.json') {
        const config: ConsoleConfig = { apiUrl: '', auth: { kind: 'local' } };
        return send(response, 200, CONTENT_TYPES['.json']!, JSON.stringify(config));
      }
      const file = this.files.get(name);
      if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
      send(response, 200, CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream', file, request.method === 'HEAD');
    } catch (error) {
      process.stderr.write(`[local console] ${request.method} ${pathname} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
    }
  }

  /** POST {username, role, region} → {token}: the local stand-in for Cognito's hosted sign-in. */
  private async signIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    if (!this.auth) return json(response, 501, { message: 'The template has no JWT authorizer, so the local API takes no tokens' });
    let body: { username?: unknown; role?: unknown; region?: unknown };
    try {
      body = JSON.parse(await readText(request)) as typeof body;
    } catch {
      return json(response, 400, { message: 'The body must be JSON: {"username": "...", "role": "admin|finance|auditor", "region": "3674"}' });
    }
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const role = Role.safeParse(body.role);
    const region = RegionCode.safeParse(body.region);
    const issues = [
      ...(USERNAME.test(username) ? [] : [{ path: 'username', message: 'must be 2-32 lower-case letters, digits, ".", "_" or "-", starting with a letter' }]),
      ...(role.success ? [] : [{ path: 'role', message: `must be one of ${Role.options.join(', ')}` }]),
      ...(region.success ? [] : [{ path: 'region', message: region.error.issues[0]!.message }]),
    ];
    if (!role.success || !region.success || issues.length > 0) return json(response, 400, { message: 'Cannot sign in', issues });
    const token = await signLocalToken(this.dataDir, { ...this.auth, username, roles: [role.data], region: region.data });
    json(response, 200, { token });
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Uint8Array, headOnly = false): void {
  response.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(headOnly ? undefined : body);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, CONTENT_TYPES['.json']!, JSON.stringify(body));
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) throw new Error('sign-in body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
