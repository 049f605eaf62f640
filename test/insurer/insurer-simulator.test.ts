import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_INSURER_API_KEY, InsurerSimulator, parseInsurerFaults } from '../../infra/local/insurer-simulator';
import { HttpInsurerClient } from '../../shared/adapters/insurer/http-insurer-client';
import {
  InsurerRejectedRequestError,
  InsurerThrottledError,
  InsurerUnavailableError,
} from '../../shared/core/enrollment/insurer-errors';
import { KPJ_PATTERN, type Registration, type RegistrationResult } from '../../shared/core/enrollment/insurer-port';
import { nikOf, person } from '../support/insurer-registrations';

function people(from: number, count: number): Registration[] {
  return Array.from({ length: count }, (_, i) => person(from + i));
}

function kpjs(results: RegistrationResult[]): string[] {
  return results.map((r) => (r.outcome === 'registered' ? r.kpj : `rejected:${r.reason}`));
}

let keyCounter = 0;
const newKey = () => `test-run:${++keyCounter}`;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('insurer simulator over HTTP (no faults)', () => {
  let simulator: InsurerSimulator;
  let client: HttpInsurerClient;

  beforeAll(async () => {
    simulator = await InsurerSimulator.start({});
    client = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY });
  });
  afterAll(() => simulator.stop());

  it('registers a batch of 100 with unique 11-digit KPJ numbers', async () => {
    const batch = people(1, 100);
    const results = await client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: newKey(), people: batch });
    expect(results).toHaveLength(100);
    expect(results.map((r) => r.nik)).toEqual(batch.map((p) => p.nik));
    for (const r of results) {
      expect(r.outcome).toBe('registered');
      if (r.outcome === 'registered') {
        expect(r.kpj).toMatch(KPJ_PATTERN);
        expect(r.coverageStart).toBe('2026-01-01');
        expect(r.coverageEnd).toBe('2026-12-31');
      }
    }
    expect(new Set(kpjs(results)).size).toBe(100);
    expect(simulator.registrations()).toBe(100);
  });

  it('refuses a batch of 101: the client before sending, the server with 413', async () => {
    const batch = people(1000, 101);
    const local = await caught(client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: newKey(), people: batch }));
    expect(local).toBeInstanceOf(InsurerRejectedRequestError);

    const lenient = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY, maxBatchSize: 1000 });
    const remote = await caught(lenient.registerBatch({ wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: newKey(), people: batch }));
    expect(remote).toBeInstanceOf(InsurerRejectedRequestError);
    expect((remote as InsurerRejectedRequestError).status).toBe(413);
    expect((remote as Error).message).toMatch(/at most 100/);
  });

  it('rejects a NIK of the wrong shape as INVALID_DATA and registers the rest', async () => {
    const results = await client.registerBatch({
      wadahCode: 'SG',
      collectiveAccount: 'TANGSEL-01',
      idempotencyKey: newKey(),
      people: [person(2001, { nik: '3.67401E+15' }), person(2002)],
    });
    expect(results[0]).toMatchObject({ outcome: 'rejected', reason: 'INVALID_DATA' });
    expect(results[1]).toMatchObject({ outcome: 'registered' });
  });

  it('rejects a NIK already covered under another collective account, masking it in the message', async () => {
    await client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'BEKASI-01', idempotencyKey: newKey(), people: [person(3001)] });
    const [result] = await client.registerBatch({ wadahCode: 'SA', collectiveAccount: 'BEKASI-02', idempotencyKey: newKey(), people: [person(3001)] });
    expect(result).toMatchObject({ nik: nikOf(3001), outcome: 'rejected', reason: 'REGISTERED_ELSEWHERE' });
    if (result?.outcome === 'rejected') expect(result.message).not.toContain(nikOf(3001));
  });

  it('keeps the KPJ when the same NIK registers again under the same account, with new coverage dates', async () => {
    const [first] = await client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'PPU-01', idempotencyKey: newKey(), people: [person(4001)] });
    const before = simulator.registrations();
    const [renewed] = await client.registerBatch({
      wadahCode: 'SG',
      collectiveAccount: 'PPU-01',
      idempotencyKey: newKey(),
      people: [person(4001, { coverageStart: '2027-01-01', coverageEnd: '2027-12-31' })],
    });
    expect(first?.outcome).toBe('registered');
    expect(renewed).toMatchObject({ outcome: 'registered', coverageStart: '2027-01-01', coverageEnd: '2027-12-31' });
    expect(kpjs([renewed!])).toEqual(kpjs([first!]));
    expect(simulator.registrations()).toBe(before);
  });

  it('answers a retry with the same idempotency key from the stored response', async () => {
    const request = { wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: newKey(), people: people(5001, 5) };
    const first = await client.registerBatch(request);
    const count = simulator.registrations();
    const again = await client.registerBatch(request);
    expect(again).toEqual(first);
    expect(simulator.registrations()).toBe(count);
  });

  it('refuses the same idempotency key with a different body (422)', async () => {
    const key = newKey();
    await client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: key, people: people(6001, 2) });
    const error = await caught(client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: key, people: people(6101, 2) }));
    expect(error).toBeInstanceOf(InsurerRejectedRequestError);
    expect((error as InsurerRejectedRequestError).status).toBe(422);
    expect((error as Error).name).toBe('InsurerRejectedRequestError');
  });

  it('refuses a wrong API key (401) as a rejected request', async () => {
    const wrong = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: 'not-the-key' });
    const before = simulator.registrations();
    const error = await caught(wrong.registerBatch({ wadahCode: 'SG', collectiveAccount: 'TANGSEL-01', idempotencyKey: newKey(), people: [person(7001)] }));
    expect(error).toBeInstanceOf(InsurerRejectedRequestError);
    expect((error as InsurerRejectedRequestError).status).toBe(401);
    expect(simulator.registrations()).toBe(before);
  });

  it('reports an unreachable insurer as unavailable', async () => {
    const closed = await InsurerSimulator.start({});
    const url = closed.url;
    await closed.stop();
    const gone = new HttpInsurerClient({ baseUrl: url, apiKey: LOCAL_INSURER_API_KEY, timeoutMs: 1000 });
    const error = await caught(gone.registerBatch({ wadahCode: 'SG', collectiveAccount: 'X-1', idempotencyKey: newKey(), people: [person(1)] }));
    expect(error).toBeInstanceOf(InsurerUnavailableError);
  });
});

describe('insurer simulator faults', () => {
  let simulator: InsurerSimulator | undefined;
  afterEach(async () => {
    await simulator?.stop();
    simulator = undefined;
  });

  it('429=1.0 → InsurerThrottledError with Retry-After, and nothing registered', async () => {
    simulator = await InsurerSimulator.start({ faults: { throttle: 1 } });
    const client = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY });
    const error = await caught(client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'A-1', idempotencyKey: newKey(), people: [person(1)] }));
    expect(error).toBeInstanceOf(InsurerThrottledError);
    expect((error as Error).name).toBe('InsurerThrottledError');
    expect((error as InsurerThrottledError).retryAfterSeconds).toBe(1);
    expect(simulator.registrations()).toBe(0);
  });

  it('500=1.0 → InsurerUnavailableError, and nothing registered', async () => {
    simulator = await InsurerSimulator.start({ faults: { serverError: 1 } });
    const client = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY });
    const error = await caught(client.registerBatch({ wadahCode: 'SG', collectiveAccount: 'A-1', idempotencyKey: newKey(), people: [person(1)] }));
    expect(error).toBeInstanceOf(InsurerUnavailableError);
    expect((error as Error).name).toBe('InsurerUnavailableError');
    expect([500, 503]).toContain((error as InsurerUnavailableError).status);
    expect(simulator.registrations()).toBe(0);
  });

  it('timeout: the response is lost but the registration happened; a retry with the same key returns it', async () => {
    simulator = await InsurerSimulator.start({ faults: { timeout: 1 }, timeoutHoldMs: 5_000 });
    const client = new HttpInsurerClient({ baseUrl: simulator.url, apiKey: LOCAL_INSURER_API_KEY, timeoutMs: 200 });
    const request = { wadahCode: 'SG', collectiveAccount: 'A-1', idempotencyKey: newKey(), people: people(1, 3) };

    const error = await caught(client.registerBatch(request));
    expect(error).toBeInstanceOf(InsurerUnavailableError);
    expect((error as Error).message).toMatch(/200 ms/);
    expect(simulator.registrations()).toBe(3);

    simulator.setFaults({});
    const results = await client.registerBatch(request);
    expect(results.every((r) => r.outcome === 'registered')).toBe(true);
    expect(simulator.registrations()).toBe(3);
  });

  it('decides faults deterministically from the seed', async () => {
    const outcomes = async (): Promise<string[]> => {
      const sim = await InsurerSimulator.start({ faults: { throttle: 0.3, serverError: 0.3 }, seed: 42 });
      const client = new HttpInsurerClient({ baseUrl: sim.url, apiKey: LOCAL_INSURER_API_KEY });
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await client
          .registerBatch({ wadahCode: 'SG', collectiveAccount: 'A-1', idempotencyKey: `seeded-${i}`, people: [person(100 + i)] })
          .then(() => 'ok', (e: Error) => e.name);
        seen.push(r);
      }
      await sim.stop();
      return seen;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('parses LINDUNG_INSURER_FAULTS', () => {
    expect(parseInsurerFaults(undefined)).toEqual({});
    expect(parseInsurerFaults('429=0.05,500=0.02,timeout=0.01')).toEqual({ throttle: 0.05, serverError: 0.02, timeout: 0.01 });
    expect(() => parseInsurerFaults('429=2')).toThrow(/LINDUNG_INSURER_FAULTS/);
    expect(() => parseInsurerFaults('404=0.1')).toThrow(/LINDUNG_INSURER_FAULTS/);
  });
});

describe('insurer simulator persistence', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-insurer-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps memberships, KPJ counter and idempotency keys across a restart', async () => {
    const request = { wadahCode: 'SG', collectiveAccount: 'A-1', idempotencyKey: 'persist-1', people: people(1, 2) };
    const first = await InsurerSimulator.start({ dataDir });
    const client1 = new HttpInsurerClient({ baseUrl: first.url, apiKey: LOCAL_INSURER_API_KEY });
    const registered = await client1.registerBatch(request);
    await first.stop();
    expect(JSON.parse(readFileSync(path.join(dataDir, 'insurer.json'), 'utf8')).formatVersion).toBe(1);

    const second = await InsurerSimulator.start({ dataDir });
    try {
      const client2 = new HttpInsurerClient({ baseUrl: second.url, apiKey: LOCAL_INSURER_API_KEY });
      expect(second.registrations()).toBe(2);
      expect(await client2.registerBatch(request)).toEqual(registered);
      const [other] = await client2.registerBatch({ wadahCode: 'SG', collectiveAccount: 'B-1', idempotencyKey: 'persist-2', people: [person(1)] });
      expect(other).toMatchObject({ outcome: 'rejected', reason: 'REGISTERED_ELSEWHERE' });
      const [fresh] = await client2.registerBatch({ wadahCode: 'SG', collectiveAccount: 'A-1', idempotencyKey: 'persist-3', people: [person(3)] });
      expect(kpjs([fresh!])[0]).not.toBe(kpjs(registered)[0]);
      expect(new Set([...kpjs(registered), ...kpjs([fresh!])]).size).toBe(3);
    } finally {
      await second.stop();
    }
  });
});
