import { beforeAll, describe, expect, it } from 'vitest';
import { withinTarget } from '../../shared/core/budget/segment-quota';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { runPeople, waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/** A segment's targetHeadcount is a quota unless the regulation says overTarget: allow (shared/core/budget/segment-quota.ts). */
const PER_YEAR = 16_800 * 12;

describe('withinTarget', () => {
  it('funds up to the target less the people funded already, and counts the rest apart', () => {
    expect(withinTarget({}, { targetHeadcount: 5 }, { eligible: 8, alreadyFunded: 0 })).toEqual({ headcount: 5, overTarget: 3 });
    expect(withinTarget({ overTarget: 'quota' }, { targetHeadcount: 5 }, { eligible: 4, alreadyFunded: 3 })).toEqual({ headcount: 2, overTarget: 2 });
    expect(withinTarget({}, { targetHeadcount: 5 }, { eligible: 2, alreadyFunded: 9 })).toEqual({ headcount: 0, overTarget: 2 });
    expect(withinTarget({ overTarget: 'allow' }, { targetHeadcount: 5 }, { eligible: 8, alreadyFunded: 0 })).toEqual({ headcount: 8, overTarget: 0 });
  });
});

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
});

/** Eight RT heads (in a district, 06, no other test's roster reaches) under a regulation whose RT target is five. */
async function eightForFive(id: string, serials: number, overTarget?: 'allow'): Promise<string[]> {
  const regulation = tangselRegulation(id);
  regulation.segments = regulation.segments.map((s) => (s.code === 'KETUA_RT' ? { ...s, targetHeadcount: 5 } : s));
  const document = overTarget ? { ...regulation, overTarget } : regulation;
  expect((await api('PUT', `/regulations/${id}`, { token: admin, body: document })).status).toBe(200);
  const rows = Array.from({ length: 8 }, (_, i) => {
    const birthDate = `1970-0${1 + i}-2${i}`;
    return personRow(tangselNik(birthDate, 'P', serials + i).replace(/^367401/, '367406'), `Ibu RT ${i}`, birthDate, 'P', 'KETUA_RT');
  });
  const imported = await importRoster(id, rosterCsv(rows));
  expect(imported).toMatchObject({ status: 'completed', accepted: 8 });
  return rows.map((row) => row[0]!).sort();
}

async function decide(proposalId: string, body: Record<string, unknown>): Promise<any> {
  const decided = await api('POST', `/proposals/${proposalId}/decision`, { token: finance, body });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  return waitForProposal(finance, proposalId, ['allocating']);
}

async function enroll(proposalId: string): Promise<any> {
  const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitForRun(admin, started.body.runId);
}

describe('the target headcount is a quota', () => {
  it('over the quota, the proposal funds the target by NIK order and lists the rest with their money', async () => {
    const niks = await eightForFive('perwal-quota-cut', 100);
    const proposal = await propose(admin, { regulationId: 'perwal-quota-cut', year: 2027, cohort: 'original' });
    expect(proposal.segments.find((s: any) => s.segment === 'KETUA_RT')).toMatchObject({ headcount: 5, overTarget: 3, overTargetAmount: 3 * PER_YEAR, amount: 5 * PER_YEAR });
    expect(proposal.total).toBe(5 * PER_YEAR);

    const approved = await decide(proposal.proposalId, { decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: 5 * PER_YEAR });
    expect(approved.allocation.find((a: any) => a.segment === 'KETUA_RT')).toMatchObject({ funded: 5, unfunded: 3, lastFundedNik: niks[4] });

    const run = await enroll(proposal.proposalId);
    expect(run).toMatchObject({ status: 'completed', committedAmount: 5 * PER_YEAR, counts: { enrolled: 5, failed: 0 } });
    expect((await runPeople(admin, run.runId, 'enrolled')).map((p) => p.nik).sort()).toEqual(niks.slice(0, 5).map((nik) => expect.stringMatching(new RegExp(`^${nik.slice(0, 4)}.*${nik.slice(-4)}$`))));
  }, 120_000);

  it('finance may fund the people over the quota explicitly', async () => {
    await eightForFive('perwal-quota-fund', 200);
    const proposal = await propose(admin, { regulationId: 'perwal-quota-fund', year: 2027, cohort: 'original' });
    const approved = await decide(proposal.proposalId, { decision: 'approve', fundOverTarget: true });
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: 8 * PER_YEAR, decision: { fundOverTarget: true } });
    const run = await enroll(proposal.proposalId);
    expect(run).toMatchObject({ committedAmount: 8 * PER_YEAR, counts: { enrolled: 8, failed: 0 } });
  }, 120_000);

  it('overTarget: allow budgets everyone eligible; asking to fund over a quota nobody exceeds is refused', async () => {
    await eightForFive('perwal-quota-allow', 300, 'allow');
    const proposal = await propose(admin, { regulationId: 'perwal-quota-allow', year: 2027, cohort: 'original' });
    const rt = proposal.segments.find((s: any) => s.segment === 'KETUA_RT');
    expect(rt).toMatchObject({ headcount: 8, amount: 8 * PER_YEAR });
    expect(rt.overTarget).toBeUndefined();
    const refused = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve', fundOverTarget: true } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('fundOverTarget');
  }, 60_000);
});
