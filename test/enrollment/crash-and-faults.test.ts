import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uploadRoster } from '../../cli/roster-upload';
import { InsurerSimulator } from '../../infra/local/insurer-simulator';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import { LocalStackProcess } from '../../scripts/lib/local-stack-process';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import type { Role } from '../../shared/core/access/roles';
import { tangselRegulation } from '../support/tangsel';

/**
 * The invariants of an enrollment run under a flaky insurer and a crash: the local stack runs as
 * its own process and is killed (SIGKILL to Node and DynamoDB Local) in the middle of the run,
 * then started again on the same data, while the insurer answers 429, 5xx and timeouts. The run
 * must end as an uninterrupted, fault-free run of the same roster ends: everyone enrolled once,
 * with one KPJ each, and exactly the approved amount committed.
 */

const SEGMENTS = { KETUA_RT: 600, KETUA_RW: 150, GURU_MENGAJI: 250, KADER_KESEHATAN: 500 };
const PEOPLE = 1500;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function client(apiUrl: string, dataDir: string) {
  const token = (username: string, role: Role) => signLocalToken(dataDir, { ...readLocalAuthConfig(dataDir)!, username, roles: [role], region: '3674' });
  const call = async (role: Role, method: string, route: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${await token(role === 'admin' ? 'ani' : 'siti', role)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };
  return { call, token };
}

/** Regulation, roster, proposal and approval: an approved proposal for SEGMENTS. */
async function approved(apiUrl: string, dataDir: string, regulationId: string, seed: number): Promise<any> {
  const { call, token } = client(apiUrl, dataDir);
  await call('admin', 'PUT', `/regulations/${regulationId}`, tangselRegulation(regulationId));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-crash-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments: SEGMENTS, regionCode: '3603', badShare: 0, seed });
  const imported = await uploadRoster(
    { api: apiUrl, token: await token('ani', 'admin') },
    { regulationId, file, coverageStart: '2027-01-01' },
    { phase: () => ({ update: () => undefined, stop: () => undefined }) },
  );
  expect(imported).toMatchObject({ status: 'completed', accepted: PEOPLE });
  let proposal = await call('admin', 'POST', '/proposals', { regulationId, year: 2027, cohort: 'original', clientToken: `crash-${regulationId}` });
  while (proposal.status === 'computing') proposal = await call('admin', 'GET', `/proposals/${proposal.proposalId}`);
  return call('finance', 'POST', `/proposals/${proposal.proposalId}/decision`, { decision: 'approve' });
}

async function waitForEnd(apiUrl: string, dataDir: string, runId: string): Promise<any> {
  const { call } = client(apiUrl, dataDir);
  for (let i = 0; i < 1200; i++) {
    const run = await call('admin', 'GET', `/enrollment-runs/${runId}`);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not end in 2 minutes`);
}

/** Everyone the run enrolled, over all buckets, as NIK → KPJ. */
async function enrolledKpjs(apiUrl: string, dataDir: string, runId: string): Promise<Map<string, string>> {
  const { call } = client(apiUrl, dataDir);
  const kpjs = new Map<string, string>();
  for (let bucket = 0; bucket < 32; bucket++) {
    let after: string | undefined;
    do {
      const page = await call('admin', 'GET', `/enrollment-runs/${runId}/people?status=enrolled&bucket=${bucket}${after ? `&after=${after}` : ''}`);
      for (const person of page.people) {
        expect(kpjs.has(person.nik), `${person.nik} listed twice`).toBe(false);
        kpjs.set(person.nik, person.kpj);
      }
      after = page.after;
    } while (after);
  }
  return kpjs;
}

describe('an enrollment run under insurer faults and a crash', () => {
  it('ends as an uninterrupted run ends: everyone once, one KPJ each, the approved amount exactly', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-crash-data-'));
    // The insurer is another organisation's system: it keeps running while Lindung crashes.
    const insurer = await InsurerSimulator.start({ latencyMs: 40, timeoutHoldMs: 2_000, seed: 7 });
    const environment = { ...insurer.lindungEnvironment(), INSURER_TIMEOUT_MS: '1000' };
    let stack = await LocalStackProcess.start(dataDir, environment);
    cleanups.push(async () => {
      await stack.stop();
      await insurer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    // Reference: the same roster shape enrolled without faults or crash.
    const reference = await approved(stack.apiUrl, dataDir, 'crash-reference', 71);
    const referenceRun = await client(stack.apiUrl, dataDir).call('admin', 'POST', '/enrollment-runs', { proposalId: reference.proposalId });
    const referenceEnd = await waitForEnd(stack.apiUrl, dataDir, referenceRun.runId);
    expect(referenceEnd).toMatchObject({ status: 'completed', counts: { planned: PEOPLE, enrolled: PEOPLE, failed: 0, skipped: 0, remaining: 0 } });

    const proposal = await approved(stack.apiUrl, dataDir, 'crash-faulty', 72);
    insurer.setFaults({ throttle: 0.1, serverError: 0.08, timeout: 0.04 });
    const started = await client(stack.apiUrl, dataDir).call('admin', 'POST', '/enrollment-runs', { proposalId: proposal.proposalId });
    const runId = started.runId as string;

    // Kill the stack once a quarter of the people are enrolled.
    let atKill: any;
    for (;;) {
      atKill = await client(stack.apiUrl, dataDir).call('admin', 'GET', `/enrollment-runs/${runId}`);
      if (atKill.counts.enrolled >= PEOPLE / 4) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stack.kill();
    expect(atKill.status, 'the crash must come mid-run').toBe('running');
    expect(atKill.counts.enrolled).toBeLessThan(PEOPLE);

    stack = await stack.restart();
    const { call } = client(stack.apiUrl, dataDir);
    // An impatient admin clicks start again while it resumes: still one run.
    const again = await call('admin', 'POST', '/enrollment-runs', { proposalId: proposal.proposalId });
    expect(again.runId).toBe(runId);
    const ended = await waitForEnd(stack.apiUrl, dataDir, runId);

    expect(ended).toMatchObject({ status: 'completed', attempt: 1, counts: { planned: PEOPLE, enrolled: PEOPLE, failed: 0, skipped: 0, remaining: 0 } });
    // The same final state as the uninterrupted run: counts, money and invoice.
    expect(ended.counts).toEqual(referenceEnd.counts);
    expect(ended.committedAmount).toBe(proposal.approvedAmount);
    expect(ended.committedAmount).toBe(referenceEnd.committedAmount);
    expect(ended.invoice).toEqual(referenceEnd.invoice);

    // No one twice: one entry per person, and each KPJ is the insurer's one membership of that NIK.
    const kpjs = await enrolledKpjs(stack.apiUrl, dataDir, runId);
    expect(kpjs.size).toBe(PEOPLE);
    expect(new Set(kpjs.values()).size).toBe(PEOPLE);
    expect(insurer.registrations()).toBe(2 * PEOPLE);
    for (const [nik, kpj] of kpjs) expect(insurer.member(nik)?.kpj).toBe(kpj);

    // A re-trigger of the finished run does nothing.
    const retriggered = await call('admin', 'POST', '/enrollment-runs', { proposalId: proposal.proposalId });
    expect(retriggered).toMatchObject({ runId, status: 'completed', attempt: 1, committedAmount: proposal.approvedAmount });
  }, 300_000);
});
