import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/api/schemas';
import type { Caller } from '../../shared/core/access/roles';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { decideBudget } from '../../shared/core/budget/decide-budget';
import type { ProposalRecord } from '../../shared/core/budget/proposal-record';
import type { ProposalStore } from '../../shared/core/budget/proposal-store';
import { proposalView } from '../../shared/core/budget/proposal-view';
import { reviewProposal } from '../../shared/core/budget/review-proposal';
import { ConflictError, ForbiddenError } from '../../shared/core/errors';
import type { WorkflowStarter } from '../../shared/core/workflow-starter';

/** A system-requested (renewal) proposal takes two finance officers: one reviews, another approves. */

const siti: Caller = { userId: 'u-siti', username: 'siti', roles: ['finance'] };
const dewi: Caller = { userId: 'u-dewi', username: 'dewi', roles: ['finance'] };
const current = { regulationVersion: 1, rosterVersion: 3, rateScheduleVersion: 'rates-aaaaaaaaaaaa' };
const context = { now: new Date('2027-09-01T03:00:00Z'), today: '2027-09-01', current };

const renewalProposal: ProposalRecord = {
  proposalId: 'bp-2028-renewal-a1-0000000001',
  regulationId: 'perwal-tangsel-25-2019',
  regulationVersion: 1,
  title: 'Tangsel',
  year: 2028,
  cohort: 'original',
  startMonth: '2028-01',
  decideBy: '2027-12-31',
  status: 'pending-decision',
  requestedBy: SYSTEM_CALLER.username,
  requestedByUserId: SYSTEM_CALLER.userId,
  requestedAt: '2027-08-01T01:00:00.000Z',
  snapshot: { ...current, hash: 'h-2028' },
  segments: [
    {
      segment: 'KETUA_RT',
      name: 'Ketua RT',
      priority: 1,
      headcount: 2,
      monthlyPremiums: Array.from({ length: 12 }, (_, i) => ({ month: `2028-${String(i + 1).padStart(2, '0')}`, premium: 16_800 })),
      months: 12,
      amount: 2 * 12 * 16_800,
    },
  ],
  total: 2 * 12 * 16_800,
  totalHeadcount: 2,
};
const adminProposal: ProposalRecord = { ...renewalProposal, proposalId: 'bp-2028-0000000002', requestedBy: 'ani', requestedByUserId: 'u-ani' };

/** The conditional writes of DynamoDbProposalStore, in memory, with the audit trail they write. */
function memoryStore(...initial: ProposalRecord[]): ProposalStore & { records: Map<string, ProposalRecord>; events: AuditEvent[] } {
  const records = new Map(initial.map((r) => [r.proposalId, r]));
  const events: AuditEvent[] = [];
  const put = (record: ProposalRecord, holds: (stored: ProposalRecord) => boolean, event: AuditEvent) => {
    const stored = records.get(record.proposalId);
    if (!stored || !holds(stored)) return Promise.resolve(false);
    records.set(record.proposalId, record);
    events.push(event);
    return Promise.resolve(true);
  };
  return {
    records,
    events,
    create: () => Promise.reject(new Error('not used')),
    get: (id) => Promise.resolve(records.get(id)),
    list: () => Promise.resolve([...records.values()]),
    update: (record, expected, event) =>
      put(record, (s) => s.status === expected.status && (!expected.snapshotHash || s.snapshot?.hash === expected.snapshotHash), event),
    recordReview: (record, expected, event) =>
      put(record, (s) => s.status === 'pending-decision' && s.snapshot?.hash === expected.snapshotHash && !s.review, event),
    withdrawDecision: () => Promise.reject(new Error('not used')),
    setExecution: () => Promise.resolve(),
  };
}

const approve = { decision: 'approve' } as const;
/** None of these decisions cuts a segment, so none starts the ceiling-allocation workflow. */
const workflows: WorkflowStarter = { start: () => Promise.reject(new Error('not used')) };

describe('approving a proposal the system requested', () => {
  it('is refused (409) until a finance officer reviewed it, saying how; nothing is stored', async () => {
    const store = memoryStore(renewalProposal);
    for (const request of [approve, { decision: 'approve-with-ceiling', ceiling: 12 * 16_800 } as const]) {
      const refused = decideBudget({ proposals: store, workflows }, renewalProposal, request, siti, context);
      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await expect(refused).rejects.toThrow(/requested by the system, so it takes two finance officers: one reviews it \(`npx lindung budget review bp-2028-renewal-a1-0000000001`/);
    }
    expect(store.records.get(renewalProposal.proposalId)).toEqual(renewalProposal);
    expect(store.events).toEqual([]);
  });

  it('takes a review by one officer (audited, bound to the snapshot) and an approval by another', async () => {
    const store = memoryStore(renewalProposal);
    const reviewed = await reviewProposal(store, renewalProposal, { notes: 'Selisih peserta sesuai' }, siti, context);
    expect(reviewed).toMatchObject({
      status: 'pending-decision',
      review: { reviewedBy: 'siti', reviewedAt: '2027-09-01T03:00:00.000Z', notes: 'Selisih peserta sesuai', snapshotHash: 'h-2028' },
      reviewedByUserId: 'u-siti',
    });
    expect(store.events).toEqual([expect.objectContaining({ action: 'budget.review', actor: 'siti', summary: expect.stringContaining('Reviewed bp-2028-renewal-a1-0000000001: Rp403.200 for 2 people') })]);

    const byReviewer = decideBudget({ proposals: store, workflows }, reviewed, approve, siti, context);
    await expect(byReviewer).rejects.toBeInstanceOf(ForbiddenError);
    await expect(byReviewer).rejects.toThrow('siti reviewed proposal bp-2028-renewal-a1-0000000001 and cannot also approve it: another finance officer must.');

    const approved = await decideBudget({ proposals: store, workflows }, reviewed, approve, dewi, context);
    expect(approved).toMatchObject({ status: 'approved', decision: { decision: 'approve', decidedBy: 'dewi' }, review: { reviewedBy: 'siti' } });
    expect(store.events.map((e) => e.action)).toEqual(['budget.review', 'budget.approve']);
  });

  it('lets one officer reject it or send it back without a review: that spends no money', async () => {
    const store = memoryStore(renewalProposal);
    const rejected = await decideBudget({ proposals: store, workflows }, renewalProposal, { decision: 'reject', reason: 'APBD 2028 tidak menampung' }, siti, context);
    expect(rejected.status).toBe('rejected');
    const revised = await decideBudget({ proposals: memoryStore(renewalProposal), workflows }, renewalProposal, { decision: 'request-revision', notes: 'Periksa ulang' }, siti, context);
    expect(revised.status).toBe('revision-requested');
  });

  it('is reviewed once: a second review is refused (409), as is one that lost the race to another', async () => {
    const store = memoryStore(renewalProposal);
    const reviewed = await reviewProposal(store, renewalProposal, {}, siti, context);
    await expect(reviewProposal(store, reviewed, {}, dewi, context)).rejects.toThrow('was already reviewed by siti at 2027-09-01T03:00:00.000Z');
    // dewi read the proposal before siti's review was stored.
    await expect(reviewProposal(store, renewalProposal, {}, dewi, context)).rejects.toThrow('was reviewed, decided or changed by someone else meanwhile');
    expect(store.records.get(renewalProposal.proposalId)!.review!.reviewedBy).toBe('siti');
  });

  it('cannot be reviewed once stale or decided', async () => {
    const stale = reviewProposal(memoryStore(renewalProposal), renewalProposal, {}, siti, { ...context, current: { ...current, rosterVersion: 4 } });
    await expect(stale).rejects.toThrow('is stale: the roster changed (version 3 → 4)');
    const decided = { ...renewalProposal, status: 'rejected' as const };
    await expect(reviewProposal(memoryStore(decided), decided, {}, siti, context)).rejects.toThrow('is rejected, not waiting for a decision');
  });
});

describe("an admin's proposal", () => {
  it('has its two people already (requester and decider): it needs no review, and a review is refused (409)', async () => {
    const store = memoryStore(adminProposal);
    await expect(reviewProposal(store, adminProposal, {}, siti, context)).rejects.toThrow('was requested by ani, who is the second person already: it needs no review. Decide it.');
    expect((await decideBudget({ proposals: store, workflows }, adminProposal, approve, siti, context)).status).toBe('approved');
  });

  it('reads without reviewRequired; a system-requested one reads with it', () => {
    expect(proposalView(adminProposal, current, '2027-09-01')).not.toHaveProperty('reviewRequired');
    expect(proposalView(renewalProposal, current, '2027-09-01')).toMatchObject({ reviewRequired: true });
    expect(proposalView({ ...renewalProposal, reviewedByUserId: 'u-siti' }, current, '2027-09-01')).not.toHaveProperty('reviewedByUserId');
  });
});
