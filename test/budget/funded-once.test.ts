import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/**
 * "Funded this year" is per person (shared/core/budget/funded-this-year.ts): a top-up (APBD-Perubahan)
 * never budgets someone an earlier cohort of the year funded, whatever segment they are listed
 * under now, and what it asks for is exactly what its enrollment run then commits.
 */
const MONTHLY = 16_800;
const TOP_UP_MONTHS = 6;

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
});

/**
 * People of the shared test stack are people of the whole deployment: each test has its own
 * serials, in a district (07) that the suite's synthetic rosters do not reach.
 */
function person(serial: number, segment: string): string[] {
  const birthDate = `1975-0${1 + (serial % 9)}-1${serial % 9}`;
  const nik = tangselNik(birthDate, 'L', serial).replace(/^367401/, '367407');
  return personRow(nik, `Warga ${serial}`, birthDate, 'L', segment);
}

function people(from: number, count: number, segment: string): string[][] {
  return Array.from({ length: count }, (_, i) => person(from + i, segment));
}

async function importRows(regulationId: string, rows: string[][], coverageStart = '2027-01-01') {
  const status = await importRoster(regulationId, rosterCsv(rows), { coverageStart });
  expect(status.status, JSON.stringify(status)).toBe('completed');
  return status;
}

async function approve(proposalId: string, body: Record<string, unknown> = { decision: 'approve' }): Promise<any> {
  const decided = await api('POST', `/proposals/${proposalId}/decision`, { token: finance, body });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  const approved = await waitForProposal(finance, proposalId, ['allocating']);
  expect(approved.status).toBe('approved');
  return approved;
}

async function enroll(proposalId: string): Promise<any> {
  const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitForRun(admin, started.body.runId);
}

/** An original 2027 cohort, approved and enrolled in full. */
async function enrolledOriginal(regulationId: string, rows: string[][]): Promise<void> {
  expect((await api('PUT', `/regulations/${regulationId}`, { token: admin, body: tangselRegulation(regulationId) })).status).toBe(200);
  await importRows(regulationId, rows);
  const original = await propose(admin, { regulationId, year: 2027, cohort: 'original' });
  expect(original.totalHeadcount).toBe(rows.length);
  await approve(original.proposalId);
  expect((await enroll(original.proposalId)).counts).toMatchObject({ enrolled: rows.length, failed: 0 });
}

/** Proposes the July top-up, approves it in full and enrolls it: the proposal, then the run. */
async function topUpAndEnroll(regulationId: string): Promise<{ proposal: any; run: any }> {
  const proposal = await propose(admin, { regulationId, year: 2027, cohort: 'perubahan', startMonth: '2027-07' });
  const approved = await approve(proposal.proposalId);
  const run = await enroll(proposal.proposalId);
  // What the APBD was asked for is what enrollment commits, to the rupiah.
  expect(run.status).toBe('completed');
  expect(run.committedAmount).toBe(approved.approvedAmount);
  expect(run.counts.enrolled).toBe(proposal.totalHeadcount);
  return { proposal, run };
}

function segment(proposal: any, code: string): any {
  return proposal.segments.find((s: { segment: string }) => s.segment === code);
}

describe('a person funded earlier in the year is never budgeted again', () => {
  it('a farmer funded in January, an RT head by July: listed as already funded (moved), with no money', async () => {
    const id = 'perwal-funded-once-move';
    await enrolledOriginal(id, [...people(8001, 20, 'MARBOT'), ...people(8101, 10, 'KETUA_RT')]);
    // The top-up roster: five new RT heads, and a marbot who is now an RT head (a higher priority moves them).
    await importRows(id, [...people(8201, 5, 'KETUA_RT'), person(8001, 'KETUA_RT')], '2027-07-01');

    const { proposal, run } = await topUpAndEnroll(id);
    expect(segment(proposal, 'KETUA_RT')).toMatchObject({ headcount: 5, alreadyFunded: 11, movedFrom: { MARBOT: 1 }, amount: 5 * MONTHLY * TOP_UP_MONTHS });
    expect(segment(proposal, 'MARBOT')).toMatchObject({ headcount: 0, alreadyFunded: 19, amount: 0 });
    expect(proposal.total).toBe(5 * MONTHLY * TOP_UP_MONTHS);
    expect(run.counts).toMatchObject({ enrolled: 5, skipped: 11, failed: 0 });
  }, 120_000);

  it('the same person listed in both rosters under the same segment is budgeted once', async () => {
    const id = 'perwal-funded-once-same';
    const original = people(8301, 10, 'KETUA_RT');
    await enrolledOriginal(id, original);
    await importRows(id, [...original, ...people(8401, 4, 'KETUA_RT')], '2027-07-01');

    const { proposal } = await topUpAndEnroll(id);
    expect(segment(proposal, 'KETUA_RT')).toMatchObject({ headcount: 4, alreadyFunded: 10 });
    expect(segment(proposal, 'KETUA_RT').movedFrom).toBeUndefined();
    expect(proposal.total).toBe(4 * MONTHLY * TOP_UP_MONTHS);
  }, 120_000);

  it('a higher-priority entry listed again under a lower segment stays funded where it was', async () => {
    const id = 'perwal-funded-once-lower';
    await enrolledOriginal(id, people(8501, 10, 'KETUA_RT'));
    const relisted = await importRows(id, [person(8501, 'MARBOT'), ...people(8601, 3, 'MARBOT')], '2027-07-01');
    expect(relisted.rejected).toBe(1);

    const { proposal } = await topUpAndEnroll(id);
    expect(segment(proposal, 'MARBOT')).toMatchObject({ headcount: 3 });
    expect(segment(proposal, 'KETUA_RT')).toMatchObject({ headcount: 0, alreadyFunded: 10 });
    expect(proposal.total).toBe(3 * MONTHLY * TOP_UP_MONTHS);
  }, 120_000);

  it('a top-up within a ceiling funds the lowest NIKs nobody funds yet; cohorts enroll in turn', async () => {
    const id = 'perwal-funded-once-ceiling';
    expect((await api('PUT', `/regulations/${id}`, { token: admin, body: tangselRegulation(id) })).status).toBe(200);
    await importRows(id, [...people(8701, 4, 'KETUA_RT'), ...people(8801, 6, 'KETUA_RW')]);
    const original = await propose(admin, { regulationId: id, year: 2027, cohort: 'original' });
    const perYear = MONTHLY * 12;
    // The ceiling funds the 4 RT heads and the 2 lowest RW NIKs; the 4 other RW heads wait for the top-up.
    await approve(original.proposalId, { decision: 'approve-with-ceiling', ceiling: 6 * perYear });

    const topUp = await propose(admin, { regulationId: id, year: 2027, cohort: 'perubahan', startMonth: '2027-07' });
    expect(segment(topUp, 'KETUA_RW')).toMatchObject({ headcount: 4, alreadyFunded: 2 });
    expect(segment(topUp, 'KETUA_RT')).toMatchObject({ headcount: 0, alreadyFunded: 4 });
    // A ceiling that cuts a top-up's segment: 3 of its 4 people fit.
    const approvedTopUp = await approve(topUp.proposalId, { decision: 'approve-with-ceiling', ceiling: 3 * MONTHLY * TOP_UP_MONTHS + 1 });
    const rw = approvedTopUp.allocation.find((a: { segment: string }) => a.segment === 'KETUA_RW');
    expect(rw).toMatchObject({ funded: 3, unfunded: 1 });
    const rwNiks = people(8801, 6, 'KETUA_RW').map((row) => row[0]!).sort();
    const originalRw = (await api('GET', `/proposals/${original.proposalId}`, { token: admin })).body.allocation.find((a: { segment: string }) => a.segment === 'KETUA_RW');
    expect(originalRw.lastFundedNik).toBe(rwNiks[1]);
    // The top-up's cut counts from the first NIK the original did not fund.
    expect(rw.lastFundedNik).toBe(rwNiks[4]);

    // The top-up cannot enroll before the cohort it follows has.
    const tooEarly = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: topUp.proposalId } });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.message).toContain(`Enroll it first (\`npx lindung enroll start --proposal ${original.proposalId} --wait\`)`);

    expect((await enroll(original.proposalId)).counts).toMatchObject({ enrolled: 6, failed: 0 });
    const run = await enroll(topUp.proposalId);
    expect(run.counts).toMatchObject({ enrolled: 3, failed: 0 });
    expect(run.committedAmount).toBe(approvedTopUp.approvedAmount);
  }, 120_000);
});
