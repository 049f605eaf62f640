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
    await writeSyntheticRoster(file, { segments: tangselSegments(people), regionCode, seed: 42, badShare: 0 });
    const admin = await stack.token('bench-admin', ['admin']);
    // Tangsel's segments scaled to the bench's size: the targets are not a quota here.
    const regulation = { ...parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8')), id: regulationId, overTarget: 'allow' };
    await call(stack.apiUrl, admin, 'PUT', `/regulations/${regulation.id}`, regulation);
    log(`setup: import ${people} people into ${regulationId}, propose, approve`);
    const imported = await uploadRoster(
      { api: stack.apiUrl, token: admin },
      { regulationId: regulation.id, file, coverageStart: '2027-01-01' },
      { phase: () => ({ update: () => undefined, stop: () => undefined }) },
    );
    if (imported.status !== 'completed') throw new Error(`the import ended ${imported.status}`);
    let proposal = await call(stack.apiUrl, admin, 'POST', '/proposals', { regulationId: regulation.id, year: 2027, cohort: 'original', clientToken: `bench-${regulationId}` });
    while (proposal.status === 'computing') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      proposal = await call(stack.apiUrl, admin, 'GET', `/proposals/${proposal.proposalId}`);
    }
    const finance = await stack.token('bench-finance', ['finance']);
    await call(stack.apiUrl, finance, 'POST', `/proposals/${proposal.proposalId}/decision`, { decision: 'approve' });
    return { proposalId: proposal.proposalId as string, imported };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
