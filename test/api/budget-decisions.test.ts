import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose, tokenWithRoles, waitForProposal } from '../support/budget';
import { waitForRun } from '../support/enrollment';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/** Decisions at their edges: a ceiling that funds nobody, withdrawing a decision, who may start the run. */

const PER_PERSON = 16_800 * 12;

let admin: string;
let siti: string;
let dewi: string;
let auditor: string;

beforeAll(async () => {
  [admin, siti, dewi, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('finance', 'dewi'), tokenFor('auditor', 'budi')]);
});

/** A pending proposal of a fresh regulation, its roster drawn from a region no other test uses. */
async function pendingProposal(regulationId: string, segments: Record<string, number>, regionCode: string, requester = admin): Promise<any> {
  const regulation = tangselRegulation(regulationId);
  expect((await api('PUT', `/regulations/${regulationId}`, { token: admin, body: regulation })).status).toBe(200);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-decisions-')), 'roster.csv');
  await writeSyntheticRoster(file, { segments, regionCode, badShare: 0, seed: 11 });
  expect(await importRoster(regulationId, file)).toMatchObject({ status: 'completed', rejected: 0 });
  const proposal = await propose(requester, { regulationId, year: 2027, cohort: 'original' });
  expect(proposal.status).toBe('pending-decision');
  return proposal;
}

const decide = (proposalId: string, token: string, body: Record<string, unknown>) => api('POST', `/proposals/${proposalId}/decision`, { token, body });
const withdraw = (proposalId: string, token: string, reason?: string) =>
  api('POST', `/proposals/${proposalId}/withdrawal`, { token, body: reason === undefined ? {} : { reason } });
const startRun = (proposalId: string, token = admin) => api('POST', '/enrollment-runs', { token, body: { proposalId } });

describe('a ceiling that funds nobody', () => {
  it('is refused with 400 naming the smallest useful ceiling; that ceiling itself funds one person', async () => {
    // KETUA_RT has priority 1: one of its people for 12 months is the least a ceiling can fund.
    const proposal = await pendingProposal('perwal-decisions-ceiling', { KETUA_RT: 3, KETUA_RW: 3 }, '3301');
    for (const ceiling of [15, PER_PERSON - 1]) {
      const refused = await decide(proposal.proposalId, siti, { decision: 'approve-with-ceiling', ceiling });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('funds nobody: the smallest useful ceiling is Rp201.600');
      expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'ceiling', message: expect.stringContaining('one person of KETUA_RT (priority 1) for 12 months') })]);
    }
    expect((await api('GET', `/proposals/${proposal.proposalId}`, { token: siti })).body.status).toBe('pending-decision');

    expect((await decide(proposal.proposalId, siti, { decision: 'approve-with-ceiling', ceiling: PER_PERSON })).status).toBe(200);
    const approved = await waitForProposal(siti, proposal.proposalId, ['allocating']);
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: PER_PERSON });
    expect(approved.allocation.reduce((n: number, a: { funded: number }) => n + a.funded, 0)).toBe(1);
  }, 120_000);
});

describe('withdrawing a decision', () => {
  it('by another finance officer: audited, kept in the history, and the proposal can be decided again', async () => {
    const proposal = await pendingProposal('perwal-decisions-withdraw', { KETUA_RT: 4, KETUA_RW: 4 }, '3302');
    const ceiling = 6 * PER_PERSON; // funds KETUA_RT whole and two of KETUA_RW: an allocation
    expect((await decide(proposal.proposalId, siti, { decision: 'approve-with-ceiling', ceiling })).status).toBe(200);
    const approved = await waitForProposal(siti, proposal.proposalId, ['allocating']);
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: ceiling });

    const byDecider = await withdraw(proposal.proposalId, siti, 'Salah ketik pagu');
    expect(byDecider.status).toBe(403);
    expect(byDecider.body.message).toContain('siti decided proposal');
    expect((await withdraw(proposal.proposalId, admin, 'Salah ketik pagu')).status).toBe(403); // not finance
    const noReason = await withdraw(proposal.proposalId, dewi);
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues).toEqual([expect.objectContaining({ path: 'reason' })]);

    const withdrawn = await withdraw(proposal.proposalId, dewi, 'Pagu salah ketik: seharusnya Rp1.209.600');
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.status).toBe('pending-decision');
    expect(withdrawn.body).not.toHaveProperty('decision');
    expect(withdrawn.body).not.toHaveProperty('approvedAmount');
    expect(withdrawn.body).not.toHaveProperty('allocation');
    expect(withdrawn.body.withdrawnDecisions).toEqual([
      expect.objectContaining({
        decision: expect.objectContaining({ decision: 'approve-with-ceiling', decidedBy: 'siti', ceiling }),
        approvedAmount: ceiling,
        withdrawnBy: 'dewi',
        reason: 'Pagu salah ketik: seharusnya Rp1.209.600',
      }),
    ]);
    const trail = await api('GET', `/audit-events?entity=regulation:${proposal.regulationId}`, { token: auditor });
    const event = trail.body.events.find((e: { action: string }) => e.action === 'budget.withdraw');
    expect(event).toMatchObject({ actor: 'dewi', changes: [{ path: `proposals[${proposal.proposalId}].status`, before: 'approved', after: 'pending-decision' }] });
    expect(event.summary).toContain('Pagu salah ketik');

    // Nothing left to withdraw until it is decided again.
    expect((await withdraw(proposal.proposalId, dewi, 'Lagi')).status).toBe(409);

    // Decided again, with another ceiling: a new allocation finds the people.
    expect((await decide(proposal.proposalId, siti, { decision: 'approve-with-ceiling', ceiling: 5 * PER_PERSON })).status).toBe(200);
    const again = await waitForProposal(siti, proposal.proposalId, ['allocating']);
    expect(again).toMatchObject({ status: 'approved', approvedAmount: 5 * PER_PERSON, decision: { decidedBy: 'siti', ceiling: 5 * PER_PERSON } });
    expect(again.withdrawnDecisions).toHaveLength(1);
  }, 120_000);

  it('of a rejection, so that it can be approved; never by the requester', async () => {
    const requester = await tokenWithRoles('rina', ['admin', 'finance']);
    const proposal = await pendingProposal('perwal-decisions-reject', { KETUA_RT: 2 }, '3303', requester);
    expect((await decide(proposal.proposalId, siti, { decision: 'reject', reason: 'Belum ada DPA' })).status).toBe(200);
    const byRequester = await withdraw(proposal.proposalId, requester, 'DPA sudah terbit');
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.message).toContain('rina requested proposal');

    expect((await withdraw(proposal.proposalId, dewi, 'DPA sudah terbit')).status).toBe(200);
    const approved = await decide(proposal.proposalId, dewi, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedAmount: 2 * PER_PERSON, withdrawnDecisions: [{ decision: { decision: 'reject', reason: 'Belum ada DPA' } }] });
  }, 120_000);

  it('is refused with 409 once its enrollment run has started', async () => {
    const proposal = await pendingProposal('perwal-decisions-started', { KETUA_RT: 3 }, '3304');
    expect((await decide(proposal.proposalId, siti, { decision: 'approve' })).status).toBe(200);
    const started = await startRun(proposal.proposalId);
    expect(started.status, JSON.stringify(started.body)).toBe(202);

    const refused = await withdraw(proposal.proposalId, dewi, 'Terlambat');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(`Enrollment run ${started.body.runId} has started`);
    expect((await api('GET', `/proposals/${proposal.proposalId}`, { token: dewi })).body).toMatchObject({ status: 'approved', decision: { decidedBy: 'siti' } });
    await waitForRun(admin, started.body.runId);
  }, 120_000);

  it('and starting its run at the same moment: exactly one of them happens', async () => {
    const proposal = await pendingProposal('perwal-decisions-race', { KETUA_RT: 3 }, '3305');
    expect((await decide(proposal.proposalId, siti, { decision: 'approve' })).status).toBe(200);
    const [started, withdrawn] = await Promise.all([startRun(proposal.proposalId), withdraw(proposal.proposalId, dewi, 'Bersamaan')]);

    const after = (await api('GET', `/proposals/${proposal.proposalId}`, { token: dewi })).body;
    const runs = (await api('GET', `/enrollment-runs?regulationId=${proposal.regulationId}`, { token: admin })).body.runs;
    if (withdrawn.status === 200) {
      expect(started.status).toBe(409);
      expect(after.status).toBe('pending-decision');
      expect(runs).toEqual([]);
    } else {
      expect([started.status, withdrawn.status]).toEqual([202, 409]);
      expect(after.status).toBe('approved');
      expect(runs).toHaveLength(1);
      await waitForRun(admin, started.body.runId);
    }
  }, 120_000);
});

describe('separation of duties at enrollment', () => {
  it('whoever decided a proposal cannot start its enrollment run; another admin can', async () => {
    const decider = await tokenWithRoles('yusuf', ['admin', 'finance']);
    const proposal = await pendingProposal('perwal-decisions-duties', { KETUA_RT: 2 }, '3306');
    expect((await decide(proposal.proposalId, decider, { decision: 'approve' })).status).toBe(200);

    const refused = await startRun(proposal.proposalId, decider);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain(`yusuf decided proposal ${proposal.proposalId} and cannot start its enrollment run`);

    const started = await startRun(proposal.proposalId, admin);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await waitForRun(admin, started.body.runId);
  }, 120_000);
});

describe('two finance officers for a proposal the system requested', () => {
  const review = (proposalId: string, token: string, body: Record<string, unknown> = {}) => api('POST', `/proposals/${proposalId}/review`, { token, body });

  it("a renewal's budget: approval refused (409) until one officer reviews it, refused to the reviewer (403), done by another", async () => {
    const proposal = await pendingProposal('perwal-decisions-two-officers', { KETUA_RT: 2 }, '3308');
    // An admin's proposal has its two people already: requester and decider.
    const needless = await review(proposal.proposalId, siti);
    expect(needless.status).toBe(409);
    expect(needless.body.message).toContain('it needs no review. Decide it.');
    expect(proposal).not.toHaveProperty('reviewRequired');
    expect((await decide(proposal.proposalId, siti, { decision: 'approve' })).status).toBe(200);

    // The system requests the renewal's budget for 2028.
    expect((await api('POST', `/regulations/${proposal.regulationId}/renewals`, { token: admin, body: { year: 2028 } })).status).toBe(202);
    let renewal: any;
    for (let i = 0; i < 300 && renewal?.status !== 'proposed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      renewal = (await api('GET', `/regulations/${proposal.regulationId}/renewals/2028`, { token: admin })).body;
    }
    expect(renewal.status, JSON.stringify(renewal)).toBe('proposed');
    const renewalProposal = await waitForProposal(siti, renewal.proposalId, ['computing']);
    expect(renewalProposal).toMatchObject({ status: 'pending-decision', requestedBy: 'lindung-system', reviewRequired: true });
    expect(renewalProposal).not.toHaveProperty('review');

    const unreviewed = await decide(renewalProposal.proposalId, siti, { decision: 'approve' });
    expect(unreviewed.status).toBe(409);
    expect(unreviewed.body.message).toContain(`requested by the system, so it takes two finance officers: one reviews it (\`npx lindung budget review ${renewalProposal.proposalId}\``);
    expect((await review(renewalProposal.proposalId, auditor)).status).toBe(403);

    const reviewed = await review(renewalProposal.proposalId, siti, { notes: 'Selisih peserta sesuai' });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'pending-decision', review: { reviewedBy: 'siti', notes: 'Selisih peserta sesuai', snapshotHash: renewalProposal.snapshot.hash } });
    expect((await review(renewalProposal.proposalId, dewi)).status).toBe(409);

    const byReviewer = await decide(renewalProposal.proposalId, siti, { decision: 'approve' });
    expect(byReviewer.status).toBe(403);
    expect(byReviewer.body.message).toBe(`siti reviewed proposal ${renewalProposal.proposalId} and cannot also approve it: another finance officer must.`);

    const approved = await decide(renewalProposal.proposalId, dewi, { decision: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', review: { reviewedBy: 'siti' }, decision: { decidedBy: 'dewi' } });

    const trail = await api('GET', `/audit-events?entity=regulation:${proposal.regulationId}`, { token: auditor });
    const events = trail.body.events.filter((e: { action: string }) => ['budget.review', 'budget.approve'].includes(e.action));
    expect(events.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual(['budget.approve siti', 'budget.review siti', 'budget.approve dewi']);
  }, 120_000);
});
