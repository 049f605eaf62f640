import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { uploadRoster } from '../../cli/roster-upload';
import type { ImportStatus } from '../../shared/api/roster-schemas';
import { writeSyntheticRoster } from '../lib/synthetic-roster';
import { type BenchStack, call } from './api-call';
import { tangselSegments } from './import-scenario';

/**
 * Regulation (Tangsel's, under `regulationId`), a synthetic roster of `people` (imported as
 * `lindung roster import` does), proposal and approval. NIKs differ by `regionCode`.
 */
export async function approvedProposal(
  stack: BenchStack,
  regulationId: string,
  regionCode: string,
  people: number,
  log: (line: string) => void,
): Promise<{ proposalId: string; imported: z.infer<typeof ImportStatus> }> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-'));
  try {
    const file = path.join(work, 'roster.csv');
    await writeTangselRoster(file, people, regionCode);
    const admin = await stack.token('bench-admin', ['admin'], '3674');
    await applyTangselRegulation(stack, regulationId);
    log(`setup: import ${people} people into ${regulationId}, propose, approve`);
    const imported = await importRoster(stack, regulationId, file);
    if (imported.status !== 'completed') throw new Error(`the import ended ${imported.status}`);
    let proposal = await call(stack.apiUrl, admin, 'POST', '/proposals', { regulationId, year: 2027, cohort: 'original', clientToken: `bench-${regulationId}` });
    while (proposal.status === 'computing') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      proposal = await call(stack.apiUrl, admin, 'GET', `/proposals/${proposal.proposalId}`);
    }
    const finance = await stack.token('bench-finance', ['finance'], '3674');
    await call(stack.apiUrl, finance, 'POST', `/proposals/${proposal.proposalId}/decision`, { decision: 'approve' });
    return { proposalId: proposal.proposalId as string, imported };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A synthetic roster of `people` in Tangsel's segment proportions, without bad rows. */
export async function writeTangselRoster(file: string, people: number, regionCode: string): Promise<void> {
  await writeSyntheticRoster(file, { segments: tangselSegments(people), regionCode, seed: 42, badShare: 0 });
}

/** Tangsel's segments under `regulationId`, scaled to the bench's size: the targets are not a quota here. */
export async function applyTangselRegulation(stack: BenchStack, regulationId: string): Promise<void> {
  const regulation = { ...parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8')), id: regulationId, overTarget: 'allow' };
  await call(stack.apiUrl, await stack.token('bench-admin', ['admin'], '3674'), 'PUT', `/regulations/${regulationId}`, regulation);
}

/** Imports `file` for 2027 as `lindung roster import` does; `resume` continues an interrupted import. */
export async function importRoster(stack: BenchStack, regulationId: string, file: string, resume?: string): Promise<z.infer<typeof ImportStatus>> {
  return uploadRoster(
    { api: stack.apiUrl, token: await stack.token('bench-admin', ['admin'], '3674') },
    { regulationId, file, coverageStart: '2027-01-01', ...(resume ? { resume } : {}) },
    { phase: () => ({ update: () => undefined, stop: () => undefined }) },
  );
}
