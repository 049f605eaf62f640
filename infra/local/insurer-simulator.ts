import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { maskNik } from '../../shared/core/people/personal-data';
import type { Registration, RegistrationResult } from '../../shared/core/enrollment/insurer-port';
import { INSURER_MAX_BATCH_SIZE } from '../../shared/core/enrollment/insurer-port';
import { isIsoMonth } from '../../shared/core/calendar/calendar-patterns';
import { InvalidInputError } from '../../shared/core/errors';
import { writeInsurerBill } from '../../shared/documents/remittance/insurer-bill-writer';
import { seededRandom } from '../../shared/lib/seeded-random';
import { type BillFaults, type MonthlyBill, monthlyBill, parseBillFaults } from './insurer-simulator-bills';
import { type InsurerFaults, decideFault } from './insurer-simulator-faults';

export { type InsurerFaults, parseInsurerFaults } from './insurer-simulator-faults';
export { type BillFaults, parseBillFaults } from './insurer-simulator-bills';

/** The only API key the simulator accepts. Local only; the cloud key lives in Secrets Manager. */
export const LOCAL_INSURER_API_KEY = 'lindung-local-insurer-key';
/** The collective account the local Pemda holds with the simulated insurer. */
export const LOCAL_COLLECTIVE_ACCOUNT = 'PEMDA-LOCAL-001';

export interface InsurerSimulatorOptions {
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Keeps state in dataDir/insurer.json across restarts; in memory when absent. */
  dataDir?: string;
  faults?: InsurerFaults;
  /**
   * What is wrong in every monthly bill (insurer-simulator-bills.ts): none by default. A request's
   * `?faults=missing:1,neverEnrolled:1,wrongAmount:1,duplicate:1` replaces it for that bill.
   */
  billFaults?: BillFaults;
  /** Added to every request before it is handled. */
  latencyMs?: number;
  /** Seeds fault decisions (and the 500/503 choice), and which people a bill's faults touch. */
  seed?: number;
  /** How long a timeout fault holds the response before dropping the connection (default 30 s, above the client's 10 s). */
  timeoutHoldMs?: number;
}

interface Member extends Omit<Registration, 'nik'> {
  kpj: string;
  collectiveAccount: string;
  wadahCode: string;
}

interface StoredResponse {
  fingerprint: string;
  results: RegistrationResult[];
}

interface SimulatorState {
  formatVersion: 1;
  /** The last KPJ serial issued. */
  kpjCounter: number;
  members: Record<string, Member>;
  idempotency: Record<string, StoredResponse>;
}

const STATE_FILE = 'insurer.json';
const SAVE_DEBOUNCE_MS = 50;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const WADAH_CODES = new Set(['SG', 'SA', 'SD', 'SB', 'SC']);
const PROGRAMS = new Set(['JKK', 'JKM', 'JHT']);
const REGISTRATION_ROUTE = /^\/v1\/collective-accounts\/([^/]+)\/registrations:batch$/;
const BILL_ROUTE = /^\/v1\/collective-accounts\/([^/]+)\/bills\/([^/]+)$/;
const ACCOUNT_PATTERN = /^[A-Za-z0-9-]{1,40}$/;
const KPJ_BASE = 10_000_000_000; // serial 1 → "10000000001": 11 digits

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A local stand-in for the insurer's partner API (`npm start` runs it next to the local stack).
 * It behaves like the real thing where that matters for Lindung: API key, batch limit, KPJ
 * issuing, membership under one collective account at a time, idempotency keys, and faults
 * (429, 5xx, and timeouts whose registration was applied but whose response was lost).
 *
 * Routes: `POST /v1/collective-accounts/{account}/registrations:batch`, and
 * `GET /v1/collective-accounts/{account}/bills/{YYYY-MM}`, the month's bill as CSV in the
 * layout of shared/documents/remittance/insurer-bill-format.ts. The partner API's bill route
 * is assumed: no public one could be found (insurer-billing-port.ts).
 */
export class InsurerSimulator {
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly held = new Set<{ timer: NodeJS.Timeout; response: ServerResponse }>();
  private readonly random: () => number;
  private faults: InsurerFaults;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly state: SimulatorState,
    private readonly options: InsurerSimulatorOptions,
  ) {
    this.random = seededRandom(options.seed ?? 1);
    this.faults = { ...options.faults };
  }

  static async start(options: InsurerSimulatorOptions = {}): Promise<InsurerSimulator> {
    const state = options.dataDir ? await loadState(options.dataDir) : emptyState();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const simulator = new InsurerSimulator(server, `http://127.0.0.1:${port}`, state, options);
    server.on('request', (request, response) => void simulator.handle(request, response));
    return simulator;
  }

  /**
   * What the local stack gives its functions in place of the cloud's insurer secret
   * (shared/adapters/insurer/insurer-config.ts).
   */
  lindungEnvironment(): Record<string, string> {
    return { INSURER_BASE_URL: this.url, INSURER_API_KEY: LOCAL_INSURER_API_KEY, INSURER_COLLECTIVE_ACCOUNT: LOCAL_COLLECTIVE_ACCOUNT };
  }

  /** The membership a NIK holds, if any (tests compare it with Lindung's ledger). */
  member(nik: string): { kpj: string; collectiveAccount: string } | undefined {
    const member = this.state.members[nik];
    return member ? { kpj: member.kpj, collectiveAccount: member.collectiveAccount } : undefined;
  }

  /** How many people hold a membership (each NIK once). */
  registrations(): number {
    return Object.keys(this.state.members).length;
  }

  /** Changes the fault rates of later requests (tests: fail one request, then recover). */
  setFaults(faults: InsurerFaults): void {
    this.faults = { ...faults };
  }

  async stop(): Promise<void> {
    for (const entry of this.held) {
      clearTimeout(entry.timer);
      entry.response.destroy();
    }
    this.held.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    await this.persist();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const registration = REGISTRATION_ROUTE.exec(url.pathname);
      const bill = BILL_ROUTE.exec(url.pathname);
      if (!registration && !bill) throw new HttpFailure(404, 'NOT_FOUND', `No route ${url.pathname}.`);
      const method = registration ? 'POST' : 'GET';
      if (request.method !== method) throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', `Use ${method}.`);
      const text = await readBody(request);
      if (request.headers['x-api-key'] !== LOCAL_INSURER_API_KEY) {
        throw new HttpFailure(401, 'UNAUTHORIZED', 'Missing or wrong x-api-key.');
      }
      if (this.options.latencyMs) await delay(this.options.latencyMs);

      // Faults are decided before anything takes effect.
      const fault = decideFault(this.faults, this.random);
      if (fault === 'throttle') {
        response.setHeader('retry-after', '1');
        throw new HttpFailure(429, 'THROTTLED', 'Too many requests; slow down.');
      }
      if (fault === 'serverError') {
        const status = this.random() < 0.5 ? 500 : 503;
        throw new HttpFailure(status, 'SERVER_ERROR', status === 500 ? 'Internal error.' : 'Service unavailable.');
      }

      if (bill) {
        // A bill changes nothing, so a timeout only loses the response.
        if (fault === 'timeout') this.hold(response);
        else await this.sendBill(response, decodeURIComponent(bill[1] ?? ''), decodeURIComponent(bill[2] ?? ''), url.searchParams.get('faults'));
        return;
      }
      const account = decodeURIComponent(registration?.[1] ?? '');
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
        throw new HttpFailure(400, 'IDEMPOTENCY_KEY', 'An idempotency-key header (1..200 characters) is required.');
      }
      const body = parseBatch(account, text);
      const fingerprint = createHash('sha256').update(`${account}\n${text}`).digest('hex');

      let results: RegistrationResult[];
      let replayed = false;
      const stored = this.state.idempotency[key];
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new HttpFailure(422, 'IDEMPOTENCY_KEY_REUSED', 'This idempotency-key was used with a different request.');
        }
        results = stored.results;
        replayed = true;
      } else {
        results = body.people.map((person) => this.register(account, body.wadahCode, person));
        this.state.idempotency[key] = { fingerprint, results };
        this.scheduleSave();
      }

      if (fault === 'timeout') {
        // The nasty one: the registration happened, only the response is lost.
        this.hold(response);
        return;
      }
      if (replayed) response.setHeader('idempotent-replayed', 'true');
      send(response, 200, { results });
    } catch (error) {
      if (error instanceof HttpFailure) {
        send(response, error.status, { code: error.code, message: error.message });
      } else {
        send(response, 500, { code: 'SERVER_ERROR', message: 'Internal error.' });
      }
    }
  }

  /** The month's bill, as CSV, streamed: the header is computed first, so a refusal comes before any line. */
  private async sendBill(response: ServerResponse, account: string, month: string, faultsQuery: string | null): Promise<void> {
    if (!ACCOUNT_PATTERN.test(account)) throw new HttpFailure(400, 'INVALID_ACCOUNT', 'The collective account number is not valid.');
    if (!isIsoMonth(month)) throw new HttpFailure(400, 'INVALID_MONTH', 'The month must be written YYYY-MM.');
    let faults = this.options.billFaults ?? {};
    if (faultsQuery !== null) {
      try {
        faults = parseBillFaults(faultsQuery);
      } catch (error) {
        throw new HttpFailure(400, 'INVALID_FAULTS', (error as Error).message);
      }
    }
    let bill: MonthlyBill;
    try {
      bill = monthlyBill(this.state.members, { account, month, faults, seed: this.options.seed ?? 1 });
    } catch (error) {
      if (error instanceof InvalidInputError) throw new HttpFailure(422, 'NO_RATE', error.message);
      throw error;
    }
    const wadahCode = Object.values(this.state.members).find((member) => member.collectiveAccount === account)?.wadahCode;
    response.statusCode = 200;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    await writeInsurerBill(response, { header: bill.header, lines: bill.lines() }, {
      format: 'csv',
      extraHeader: [...(wadahCode ? [['Wadah', wadahCode] as const] : []), ['Nomor Wadah', account]],
    });
  }

  private register(account: string, wadahCode: string, person: unknown): RegistrationResult {
    const invalid = invalidReason(person);
    const nik = typeof (person as { nik?: unknown } | null)?.nik === 'string' ? (person as Registration).nik : '';
    if (invalid) return { nik, outcome: 'rejected', reason: 'INVALID_DATA', message: invalid };
    const p = person as Registration;
    const existing = this.state.members[p.nik];
    if (existing && existing.collectiveAccount !== account) {
      return {
        nik: p.nik,
        outcome: 'rejected',
        reason: 'REGISTERED_ELSEWHERE',
        message: `NIK ${maskNik(p.nik)} is a member under another collective account.`,
      };
    }
    const kpj = existing?.kpj ?? String(KPJ_BASE + ++this.state.kpjCounter);
    // The same account again: membership continues under the same KPJ, coverage dates updated.
    this.state.members[p.nik] = {
      kpj,
      collectiveAccount: account,
      wadahCode,
      name: p.name,
      birthDate: p.birthDate,
      gender: p.gender,
      programs: [...p.programs],
      coverageStart: p.coverageStart,
      coverageEnd: p.coverageEnd,
      segment: p.segment,
    };
    return { nik: p.nik, outcome: 'registered', kpj, coverageStart: p.coverageStart, coverageEnd: p.coverageEnd };
  }

  private hold(response: ServerResponse): void {
    const entry = {
      response,
      timer: setTimeout(() => {
        this.held.delete(entry);
        response.destroy();
      }, this.options.timeoutHoldMs ?? 30_000),
    };
    this.held.add(entry);
    response.on('close', () => {
      clearTimeout(entry.timer);
      this.held.delete(entry);
    });
  }

  private scheduleSave(): void {
    if (!this.options.dataDir) return;
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.persist().catch((error: unknown) => {
        process.stderr.write(`Insurer simulator: saving state failed: ${String(error)}\n`);
      });
    }, SAVE_DEBOUNCE_MS);
  }

  /** Writes the state if it changed; writes are serialised, each to a temp file renamed over the last. */
  private persist(): Promise<void> {
    const dataDir = this.options.dataDir;
    if (!dataDir) return Promise.resolve();
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await mkdir(dataDir, { recursive: true });
      const file = path.join(dataDir, STATE_FILE);
      const temp = `${file}.${randomUUID()}.tmp`;
      await writeFile(temp, JSON.stringify(this.state), 'utf8');
      await rename(temp, file);
    });
    return this.saving;
  }
}

function emptyState(): SimulatorState {
  return { formatVersion: 1, kpjCounter: 0, members: {}, idempotency: {} };
}

async function loadState(dataDir: string): Promise<SimulatorState> {
  const file = path.join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  const state = JSON.parse(text) as Partial<SimulatorState>;
  if (state.formatVersion !== 1 || typeof state.kpjCounter !== 'number' || !state.members || !state.idempotency) {
    throw new Error(`${file} is not an insurer simulator state file (formatVersion 1).`);
  }
  return state as SimulatorState;
}

function parseBatch(account: string, text: string): { wadahCode: string; people: unknown[] } {
  if (!ACCOUNT_PATTERN.test(account)) {
    throw new HttpFailure(400, 'INVALID_ACCOUNT', 'The collective account number is not valid.');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpFailure(400, 'INVALID_JSON', 'The body is not JSON.');
  }
  const { wadahCode, people } = (body ?? {}) as { wadahCode?: unknown; people?: unknown };
  if (typeof wadahCode !== 'string' || !WADAH_CODES.has(wadahCode)) {
    throw new HttpFailure(400, 'INVALID_WADAH', `wadahCode must be one of ${[...WADAH_CODES].join(', ')}.`);
  }
  if (!Array.isArray(people) || people.length === 0) {
    throw new HttpFailure(400, 'INVALID_PEOPLE', 'people must be a non-empty array.');
  }
  if (people.length > INSURER_MAX_BATCH_SIZE) {
    throw new HttpFailure(
      413,
      'BATCH_TOO_LARGE',
      `A batch holds at most ${INSURER_MAX_BATCH_SIZE} people; this one has ${people.length}.`,
    );
  }
  return { wadahCode, people };
}

/** Why the person cannot be registered, or undefined. Never quotes the NIK itself. */
function invalidReason(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'Each person must be an object.';
  const p = value as Partial<Record<keyof Registration, unknown>>;
  if (typeof p.nik !== 'string' || !/^\d{16}$/.test(p.nik)) return 'NIK must be exactly 16 digits.';
  if (typeof p.name !== 'string' || p.name.trim() === '') return 'name is required.';
  if (!isIsoDate(p.birthDate)) return 'birthDate must be a date YYYY-MM-DD.';
  if (p.gender !== 'L' && p.gender !== 'P') return 'gender must be L or P.';
  if (!Array.isArray(p.programs) || p.programs.length === 0 || !p.programs.every((x) => PROGRAMS.has(x as string))) {
    return 'programs must list JKK, JKM and/or JHT.';
  }
  if (!isIsoDate(p.coverageStart) || !isIsoDate(p.coverageEnd)) return 'coverageStart and coverageEnd must be dates YYYY-MM-DD.';
  if (p.coverageEnd < p.coverageStart) return 'coverageEnd is before coverageStart.';
  if (typeof p.segment !== 'string' || p.segment.trim() === '') return 'segment is required.';
  return undefined;
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, 'BODY_TOO_LARGE', `The body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
