import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, listAll, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { type FileCase, type Fixture, type RequestCase, fileCases, requestCases } from './corpus';

/**
 * Every hostile or broken input of the corpus (corpus.ts) against the local stack: each gets the
 * status it must, an answer that names the row, field or limit, and leaves the regulation, its
 * roster, its proposals and its runs exactly as they were, byte for byte.
 */
const REGULATION = 'perwal-bad-inputs';
const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bad-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let tokens: Record<'admin' | 'finance' | 'other-finance' | 'auditor', string>;
let fixture: Fixture;

/** What must not change: the regulation, its 2027 roster, its proposals and its runs, as the API shows them. */
async function stored(): Promise<string> {
  const [regulation, roster, proposals, runs] = await Promise.all([
    api('GET', `/regulations/${REGULATION}`, { token: tokens.auditor }),
    api('GET', `/regulations/${REGULATION}/roster?year=2027`, { token: tokens.auditor }),
    listAll(`/proposals?regulationId=${REGULATION}`, 'proposals', tokens.auditor),
    listAll(`/enrollment-runs?regulationId=${REGULATION}`, 'runs', tokens.auditor),
  ]);
  return JSON.stringify({ regulation: regulation.body, roster: roster.body, proposals, runs });
}

beforeAll(async () => {
  tokens = {
    admin: await tokenFor('admin', 'ani'),
    finance: await tokenFor('finance', 'siti'),
    'other-finance': await tokenFor('finance', 'dewi'),
    auditor: await tokenFor('auditor', 'budi'),
  };
  const document = tangselRegulation(REGULATION);
  expect((await api('PUT', `/regulations/${REGULATION}`, { token: tokens.admin, body: document })).status).toBe(200);
  // Four RT heads in a district (04) no other test's roster reaches: approved and enrolled.
  const people = Array.from({ length: 4 }, (_, i) => personRow(tangselNik(`1977-0${i + 1}-0${i + 1}`, 'L', 7100 + i).replace(/^367401/, '367404'), `Pak RT ${i}`, `1977-0${i + 1}-0${i + 1}`, 'L', 'KETUA_RT'));
  expect(await importRoster(REGULATION, rosterCsv(people))).toMatchObject({ status: 'completed', accepted: 4 });
  const proposal = await propose(tokens.admin, { regulationId: REGULATION, year: 2027, cohort: 'original' });
  expect((await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: tokens.finance, body: { decision: 'approve' } })).status).toBe(200);
  await waitForProposal(tokens.admin, proposal.proposalId, ['allocating']);
  const started = await api('POST', '/enrollment-runs', { token: tokens.admin, body: { proposalId: proposal.proposalId } });
  expect((await waitForRun(tokens.admin, started.body.runId)).counts).toMatchObject({ enrolled: 4 });
  const read = await api('GET', `/regulations/${REGULATION}`, { token: tokens.admin });
  fixture = {
    regulationId: REGULATION,
    proposalId: proposal.proposalId,
    runId: started.body.runId,
    etag: read.headers.get('etag')!,
    amended: { ...document, title: `${document.title} (diubah)` },
  };
}, 180_000);

describe('the bad-input corpus', () => {
  it('holds at least 40 cases', () => {
    expect(fileCases().length + requestCases({ regulationId: '', proposalId: '', runId: '', etag: '', amended: {} }).length).toBeGreaterThanOrEqual(40);
  });

  it.each(fileCases().map((c) => [c.name, c] as const))('roster file: %s', async (_name, input: FileCase) => {
    const before = await stored();
    const file = await input.make(dir);
    if ('refused' in input) {
      await expect(importRoster(REGULATION, file)).rejects.toThrow(input.refused);
    } else {
      const status = await importRoster(REGULATION, file);
      expect(status).toMatchObject({ status: 'completed', accepted: 0, rejected: input.rejected.rows });
      const rejections = await api('GET', `/imports/${status.importId}/rejections`, { token: tokens.admin });
      expect(rejections.status).toBe(200);
      const first = rejections.body.rows[0];
      // The row as the office sees it in its spreadsheet, and why.
      expect(first.row).toBe(input.rejected.firstRow);
      expect(first.problems.map((p: { reason: string }) => p.reason).join(' ')).toMatch(input.rejected.reason);
    }
    expect(await stored()).toBe(before);
  }, 120_000);

  it.each(requestCases({ regulationId: REGULATION, proposalId: '', runId: '', etag: '', amended: {} }).map((c) => [c.name, c.name] as const))(
    'request: %s',
    async (_name, caseName) => {
      const input = requestCases(fixture).find((c) => c.name === caseName)! as RequestCase;
      const before = await stored();
      const answer = await api(input.method, input.path, {
        ...(input.role && !input.authorization ? { token: tokens[input.role] } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.rawBody !== undefined ? { rawBody: input.rawBody } : {}),
        headers: { ...(input.authorization ? { authorization: input.authorization } : {}), ...input.headers },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(input.status);
      expect(JSON.stringify(answer.body)).toMatch(input.names);
      if (answer.status >= 400 && answer.status !== 401 && answer.status !== 404 && answer.headers.get('content-type')?.startsWith('application/problem+json')) {
        // RFC 9457, from the application (API Gateway's own answers stay as AWS sends them).
        expect(answer.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: input.status, detail: expect.any(String) });
      }
      expect(await stored()).toBe(before);
    },
    60_000,
  );
});
