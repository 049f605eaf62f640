import type { RouteName } from '../../shared/api/routes';
import type { ReadRequest } from './read-mix';

/** A request slower than this while the stack is up counts as an error: no reader waits longer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** How long a client waits after a refused connection before it tries again, as a browser's retry would. */
const UNAVAILABLE_PAUSE_MS = 250;
/** A bound on each client's loop besides its deadline: far above what loopback on this machine serves. */
const MAX_REQUESTS_PER_CLIENT_PER_SECOND = 1_000;
/** Errors kept verbatim for the report; the rest are only counted. */
const ERROR_SAMPLES = 10;
const PROGRESS_EVERY_MS = 10_000;

export interface LoadClientsOptions {
  apiUrl: string;
  /** One per client: each client signs in as its own user, in one role. */
  tokens: readonly string[];
  seconds: number;
  /** The reads to make, asked again before each request so that new targets join the mix. */
  mix: () => readonly ReadRequest[];
  /** Whether the stack is down on purpose (killed, restarting): then a failed connection is not an error. */
  isDown: () => boolean;
  log: (line: string) => void;
}

export interface LoadRecord {
  /** Latency of every HTTP answer, per route. */
  latenciesMs: Map<RouteName, number[]>;
  /** Answers other than 200, and failed connections or timeouts while the stack was up, per route. */
  errors: Map<RouteName, number>;
  errorSamples: string[];
  /** Failed connections while the stack was down: no HTTP answer at all. */
  unavailable: number;
}

/**
 * Closed-loop readers: each client makes one read after another, without pause, until the
 * deadline, cycling through the mix from its own starting point so that every route is read
 * evenly. A client never stops on an error: it records it and goes on.
 */
export async function runLoadClients(options: LoadClientsOptions): Promise<LoadRecord> {
  const record: LoadRecord = { latenciesMs: new Map(), errors: new Map(), errorSamples: [], unavailable: 0 };
  const deadline = performance.now() + options.seconds * 1000;
  const maxRequests = options.seconds * MAX_REQUESTS_PER_CLIENT_PER_SECOND;
  const error = (route: RouteName, description: string) => {
    record.errors.set(route, (record.errors.get(route) ?? 0) + 1);
    if (record.errorSamples.length < ERROR_SAMPLES) record.errorSamples.push(`${route}: ${description}`);
  };
  const progress = setInterval(() => {
    const answers = [...record.latenciesMs.values()].reduce((sum, latencies) => sum + latencies.length, 0);
    const errors = [...record.errors.values()].reduce((a, b) => a + b, 0);
    options.log(`reads: ${answers} answers, ${errors} errors, ${record.unavailable} unavailable`);
  }, PROGRESS_EVERY_MS);
  await Promise.all(
    options.tokens.map(async (token, client) => {
      for (let i = 0; i < maxRequests && performance.now() < deadline; i++) {
        const mix = options.mix();
        const { route, path } = mix[(client + i) % mix.length]!;
        const started = performance.now();
        try {
          const response = await fetch(`${options.apiUrl}${path}`, {
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const body = await response.text();
          const latencies = record.latenciesMs.get(route) ?? [];
          latencies.push(performance.now() - started);
          record.latenciesMs.set(route, latencies);
          if (response.status !== 200) error(route, `GET ${path} answered ${response.status}: ${body.slice(0, 200)}`);
        } catch (failure) {
          if (!options.isDown()) {
            error(route, `GET ${path} failed: ${describe(failure)}`);
            continue;
          }
          record.unavailable++;
          await new Promise((resolve) => setTimeout(resolve, UNAVAILABLE_PAUSE_MS));
        }
      }
    }),
  ).finally(() => clearInterval(progress));
  return record;
}

/** fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function describe(failure: unknown): string {
  const error = failure as Error & { cause?: { code?: string; message?: string } };
  return error.cause?.code ?? error.cause?.message ?? error.message;
}
