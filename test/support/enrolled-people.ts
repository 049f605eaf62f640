import { expect } from 'vitest';
import { api, tokenFor } from './api';
import { propose, waitForProposal } from './budget';
import { runPeople, waitForRun } from './enrollment';
import { importRoster, rosterCsv } from './roster-files';

/**
 * Enrolls a roster (personRow rows) of an existing regulation for 2027: imported, proposed by an
 * admin, approved by finance, enrolled by a run. Returns each person's KPJ by NIK, as an
 * insurer's bill names them.
 */
export async function enrollFor2027(regulationId: string, rows: readonly (readonly string[])[]): Promise<Map<string, string>> {
  const [admin, siti] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
  const imported = await importRoster(regulationId, rosterCsv(rows));
  expect(imported).toMatchObject({ status: 'completed', accepted: rows.length, rejected: 0 });
  const proposal = await propose(admin, { regulationId, year: 2027, cohort: 'original' });
  expect((await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: siti, body: { decision: 'approve' } })).status).toBe(200);
  expect(await waitForProposal(admin, proposal.proposalId, ['pending-decision', 'allocating'])).toMatchObject({ status: 'approved' });
  const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: proposal.proposalId } });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  expect(await waitForRun(admin, started.body.runId)).toMatchObject({ status: 'completed' });
  return new Map((await runPeople(admin, started.body.runId, 'enrolled')).map((p) => [p.nik as string, p.kpj as string]));
}
