import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from './api';
import { propose } from './budget';
import { importRoster } from './roster-files';
import { tangselRegulation } from './tangsel';

/** An approved Tangsel-shaped proposal for a fresh regulation with a synthetic roster of these sizes. */
export async function approvedProposal(
  regulationId: string,
  segments: Record<string, number>,
  options: { regionCode: string; seed: number; ceiling?: number; firstSerial?: number },
): Promise<any> {
  const [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
  const regulation = tangselRegulation(regulationId);
  expect((await api('PUT', `/regulations/${regulationId}`, { token: admin, body: regulation })).status).toBe(200);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-enroll-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments, regionCode: options.regionCode, badShare: 0, seed: options.seed, firstSerial: options.firstSerial });
  const imported = await importRoster(regulationId, file);
  expect(imported).toMatchObject({ status: 'completed', rejected: 0 });
  const proposal = await propose(admin, { regulationId, year: 2027, cohort: 'original' });
  const decision = options.ceiling ? { decision: 'approve-with-ceiling', ceiling: options.ceiling } : { decision: 'approve' };
  const decided = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: decision });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  for (let i = 0; i < 300; i++) {
    const current = await api('GET', `/proposals/${proposal.proposalId}`, { token: admin });
    if (current.body.status === 'approved') return current.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`proposal ${proposal.proposalId} was not approved`);
}

/** Polls a run until it is no longer running. */
export async function waitForRun(token: string, runId: string, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api('GET', `/enrollment-runs/${runId}`, { token });
    if (response.status !== 200) throw new Error(`GET run answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (response.body.status !== 'running') return response.body;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running: ${JSON.stringify(response.body.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Every person of a run with one status, over all NIK buckets. */
export async function runPeople(token: string, runId: string, status: 'enrolled' | 'failed'): Promise<any[]> {
  const people: any[] = [];
  for (let bucket = 0; bucket < 32; bucket++) {
    let after: string | undefined;
    do {
      const query = `status=${status}&bucket=${bucket}${after ? `&after=${after}` : ''}`;
      const page = await api('GET', `/enrollment-runs/${runId}/people?${query}`, { token });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      people.push(...page.body.people);
      after = page.body.after;
    } while (after);
  }
  return people;
}
