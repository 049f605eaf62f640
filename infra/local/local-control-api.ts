import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { tokenOfIdentitySource } from './jwt-identity-source';
import type { LocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { verifyLocalToken } from '../../shared/runtime/local-auth/local-token';
import { type LocalClock, parseClockTime } from './local-clock';
import type { LocalScheduler } from './local-scheduler';

/** Paths under this prefix belong to the local stack itself: they never exist in the template or on AWS. */
export const CONTROL_PATH = '/_local/';

/**
 * The local stack's own controls, on the API's port, for admins (a local token with the admin
 * role): the business clock and the emulated schedules.
 * - `GET /_local/clock`; `PUT /_local/clock {"at": "2027-08-01"}` or `{"reset": true}`: moves the
 *   clock and fires what became due, answering with the firings;
 * - `GET /_local/schedules`; `POST /_local/schedules/{logicalId}/run`: fires one now.
 */
export class LocalControlApi {
  constructor(
    private readonly options: { dataDir: string; auth: LocalAuthConfig | undefined; clock: LocalClock; scheduler: LocalScheduler },
  ) {}

  /** A listener serving the control paths and passing every other request to `api`. */
  in(api: RequestListener): RequestListener {
    return (request, response) => {
      const pathname = (request.url ?? '/').split('?')[0] ?? '/';
      if (pathname.startsWith(CONTROL_PATH)) void this.serve(request, response, pathname.slice(CONTROL_PATH.length));
      else api(request, response);
    };
  }

  private async serve(request: IncomingMessage, response: ServerResponse, route: string): Promise<void> {
    try {
      if (!(await this.isAdmin(request))) return json(response, 401, { message: 'The local controls need a local admin token (npx lindung login --as admin)' });
      const { clock, scheduler } = this.options;
      if (route === 'clock' && request.method === 'GET') return json(response, 200, this.clockState());
      if (route === 'clock' && request.method === 'PUT') {
        const body = (await readJson(request)) as { at?: unknown; reset?: unknown };
        if (body.reset === true) await clock.reset();
        else if (typeof body.at === 'string') {
          try {
            await clock.set(parseClockTime(body.at));
          } catch (error) {
            return json(response, 400, { message: (error as Error).message });
          }
        } else return json(response, 400, { message: 'Send {"at": "YYYY-MM-DD"} (09:00 in Jakarta that day) or an ISO timestamp, or {"reset": true}' });
        return json(response, 200, { ...this.clockState(), fired: await scheduler.tick() });
      }
      if (route === 'schedules' && request.method === 'GET') return json(response, 200, { schedules: scheduler.list() });
      const run = /^schedules\/([A-Za-z0-9]+)\/run$/.exec(route);
      if (run && request.method === 'POST') {
        const fired = await scheduler.runNow(run[1]!);
        return fired ? json(response, 200, fired) : json(response, 404, { message: `No schedule ${run[1]} in the template` });
      }
      return json(response, 404, { message: 'Not Found' });
    } catch (error) {
      process.stderr.write(`[local control] ${request.method} ${route} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!response.headersSent) json(response, 500, { message: 'Internal Server Error' });
    }
  }

  private clockState(): { now: string; offsetMs: number } {
    return { now: this.options.clock.now().toISOString(), offsetMs: this.options.clock.offsetMs() };
  }

  private async isAdmin(request: IncomingMessage): Promise<boolean> {
    // The same token forms as the API's JWT authorizer, so one admin token works for both.
    const token = tokenOfIdentitySource(request.headers.authorization);
    if (!token || !this.options.auth) return false;
    let claims: JWTPayload;
    try {
      claims = await verifyLocalToken(this.options.dataDir, token, { issuer: this.options.auth.issuer, audience: [this.options.auth.audience] });
    } catch {
      return false;
    }
    const groups = claims['cognito:groups'];
    return Array.isArray(groups) && groups.includes('admin');
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  try {
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  } catch {
    return {};
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
