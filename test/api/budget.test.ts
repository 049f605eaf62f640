import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { propose, tokenWithRoles, waitForProposal } from '../support/budget';
import { waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

let admin: string;
let finance: string;
let auditor: string;

beforeAll(async () => {
  [admin, finance, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('auditor', 'budi')]);
});

async function apply(document: Record<string, unknown>, token = admin): Promise<void> {
  const response = await api('PUT', `/regulations/${document.id}`, { token, body: document });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function syntheticImport(
  regulationId: string,
  segments: Record<string, number>,
  options: { seed?: number; duplicatesAcrossSegments?: number; regionCode?: string; firstSerial?: number } = {},
) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-budget-')), 'roster.csv');
  await writeSyntheticRoster(file, {
    segments,
    regionCode: options.regionCode ?? '3674',
    badShare: 0,
    seed: options.seed ?? 1,
    duplicatesAcrossSegments: options.duplicatesAcrossSegments ?? 0,
    firstSerial: options.firstSerial ?? 0,
  });
  const status = await importRoster(regulationId, file, { region: options.regionCode });
  expect(status.status).toBe('completed');
  return status;
}

describe('budget proposals', () => {
  it('Tangsel: 12,928 people × Rp16,800 × 12 months = Rp2,606,284,800, approved by finance', async () => {
    const regulation = tangselRegulation('perwal-budget-tangsel');
    await apply(regulation);
    const imported = await syntheticImport(
      regulation.id,
      Object.fromEntries(regulation.segments.map((s) => [s.code, s.targetHeadcount])),
      { duplicatesAcrossSegments: 18 },
    );
    expect(imported.accepted).toBe(12_928);

    const proposal = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    expect(proposal).toMatchObject({ status: 'pending-decision', stale: false, totalHeadcount: 12_928, total: 2_606_284_800 });
    for (const segment of proposal.segments) {
      expect(segment.months).toBe(12);
      expect(segment.amount).toBe(segment.headcount * 16_800 * 12);
    }
    expect(proposal.snapshot).toMatchObject({ rosterVersion: 1, regulationVersion: 1 });
    expect(proposal.snapshot.hash).toMatch(/^[0-9a-f]{64}$/);

    const decided = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve', notes: 'Sesuai DPA 2027' } });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', approvedAmount: 2_606_284_800, decision: { decision: 'approve', decidedBy: 'siti', notes: 'Sesuai DPA 2027' } });
    expect(decided.body.decision.snapshotHash).toBe(proposal.snapshot.hash);

    const trail = await api('GET', `/audit-events?entity=regulation:${regulation.id}`, { token: auditor });
    expect(trail.body.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['budget.proposed', 'budget.computed', 'budget.approve']));
  }, 120_000);

  it('PPU: 15,000 from January (Rp3,024,000,000), then an APBD-Perubahan cohort of 5,000 from July (6 months)', async () => {
    const regulation = {
      ...tangselRegulation('perbup-ppu-budget'),
      title: 'Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan',
      legalBasis: { type: 'Perbup', number: '12', year: 2022 },
      jurisdiction: '6409',
      segments: [
        { code: 'RENTAN', name: 'Pekerja rentan', category: 'BPU', premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 }, eligibility: { minAge: 18, maxAge: 65 }, targetHeadcount: 20_000, priority: 1 },
      ],
    };
    // The regency's own users: Tangsel's cannot see, let alone change, a regulation of PPU.
    const [ppuAdmin, ppuFinance] = await Promise.all([tokenFor('admin', 'ani', '6409'), tokenFor('finance', 'siti', '6409')]);
    await apply(regulation, ppuAdmin);
    await syntheticImport(regulation.id, { RENTAN: 15_000 }, { regionCode: '6409', seed: 2 });
    // In July finance asks: the 15,000 from January, and 5,000 more from July? A scenario answers
    // before any proposal exists, and the real proposals below must cost exactly what it says.
    const scenario = { id: 'tambah-5000-juli', name: 'Tambah 5.000 dari Juli', regulationId: regulation.id, year: 2027, cohorts: [{ startMonth: '2027-07', people: { RENTAN: 5_000 } }] };
    expect((await api('PUT', `/regulations/${regulation.id}/scenarios/${scenario.id}`, { token: ppuFinance, body: scenario })).status).toBe(200);
    const simulated = await api('GET', `/regulations/${regulation.id}/scenarios/${scenario.id}/simulation`, { token: ppuFinance });
    expect(simulated.status, JSON.stringify(simulated.body)).toBe(200);
    expect(simulated.body.cohorts.map((c: { total: number }) => c.total)).toEqual([3_024_000_000, 504_000_000]);

    const original = await propose(ppuAdmin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    expect(original.total).toBe(3_024_000_000);
    expect(original.segments).toEqual(simulated.body.cohorts[0].segments);
    expect((await api('POST', `/proposals/${original.proposalId}/decision`, { token: ppuFinance, body: { decision: 'approve' } })).status).toBe(200);
    // January: the original cohort is enrolled (a roster change would make its approval stale first).
    const run = await api('POST', '/enrollment-runs', { token: ppuAdmin, body: { proposalId: original.proposalId } });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    expect((await waitForRun(ppuAdmin, run.body.runId)).counts).toMatchObject({ enrolled: 15_000, failed: 0 });

    // 5,000 more people join the roster mid-year.
    await syntheticImport(regulation.id, { RENTAN: 5_000 }, { regionCode: '6409', seed: 3, firstSerial: 15_000 });
    // Finance requests the top-up straight from the scenario's July cohort: a real proposal, computed
    // from the roster as any is, which names the scenario and which finance's requester may not decide.
    const fromScenario = `/regulations/${regulation.id}/scenarios/${scenario.id}/proposal`;
    const unknownCohort = await api('POST', fromScenario, { token: ppuFinance, body: { version: 1, startMonth: '2027-08', clientToken: 'ppu-topup-0001' } });
    expect(unknownCohort.status).toBe(400);
    expect(JSON.stringify(unknownCohort.body)).toContain('must be one of 2027-01, 2027-07');
    const requested = await api('POST', fromScenario, { token: ppuFinance, body: { version: 1, startMonth: '2027-07', clientToken: 'ppu-topup-0002' } });
    expect(requested.status, JSON.stringify(requested.body)).toBe(202);
    const topUp = await waitForProposal(ppuFinance, requested.body.proposalId, ['computing']);
    expect(topUp).toMatchObject({ cohort: 'perubahan', startMonth: '2027-07', requestedBy: 'siti', fromScenario: { scenarioId: scenario.id, version: 1 } });
    expect(topUp.segments[0]).toMatchObject({ headcount: 5_000, months: 6, amount: 5_000 * 16_800 * 6 });
    expect(topUp.total).toBe(504_000_000);
    expect(topUp.segments).toEqual(simulated.body.cohorts[1].segments);
    expect(topUp.decideBy).toBe('2027-12-31');
    const selfApproval = await api('POST', `/proposals/${topUp.proposalId}/decision`, { token: ppuFinance, body: { decision: 'approve' } });
    expect(selfApproval.status).toBe(403);
    const trail = await api('GET', `/audit-events?entity=regulation:${regulation.id}`, { token: ppuFinance });
    expect(trail.body.events.map((e: { summary: string }) => e.summary)).toContainEqual(expect.stringContaining(`from scenario ${scenario.id} version 1`));
    // A scenario that rules something new is applied as an amendment first: no proposal is requested from it.
    const larger = { ...scenario, id: 'target-30000', name: 'Target 30.000', segments: { RENTAN: { targetHeadcount: 30_000 } } };
    expect((await api('PUT', `/regulations/${regulation.id}/scenarios/${larger.id}`, { token: ppuFinance, body: larger })).status).toBe(200);
    const refused = await api('POST', `/regulations/${regulation.id}/scenarios/${larger.id}/proposal`, { token: ppuAdmin, body: { version: 1, clientToken: 'ppu-target-0001' } });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/targetHeadcount.*Apply its amendment first/);
  }, 180_000);

  it('PU contract staff: the premium comes from the wage and the JKK risk group', async () => {
    const regulation = {
      ...tangselRegulation('perwal-bekasi-tkk-budget'),
      jurisdiction: '3275',
      segments: [
        { code: 'TKK', name: 'Tenaga kerja kontrak', category: 'PU', premiumBasis: { type: 'wage', monthlyWage: 4_901_117, jkkRiskGroup: 'low' }, eligibility: { minAge: 18, maxAge: 58 }, targetHeadcount: 10, priority: 1 },
      ],
    };
    const bekasiAdmin = await tokenFor('admin', 'ani', '3275');
    await apply(regulation, bekasiAdmin);
    const rows = Array.from({ length: 10 }, (_, i) => personRow(tangselNik(`1985-0${1 + (i % 9)}-1${i % 9}`, 'L', 900 + i).replace(/^3674/, '3275'), `Staf ${i}`, `1985-0${1 + (i % 9)}-1${i % 9}`, 'L', 'TKK'));
    expect((await importRoster(regulation.id, rosterCsv(rows), { region: '3275' })).accepted).toBe(10);
    const proposal = await propose(bekasiAdmin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    // JKK 0.54% of Rp4,901,117 = 26,466.03 → 26,466; JKM 0.30% = 14,703.35 → 14,703.
    const monthly = 26_466 + 14_703;
    expect(proposal.segments[0].monthlyPremiums[0].premium).toBe(monthly);
    expect(proposal.total).toBe(10 * monthly * 12);
  }, 60_000);

  it('approves within a ceiling: priority first, then ascending NIK, to exactly the people who fit', async () => {
    const regulation = tangselRegulation('perwal-budget-ceiling');
    await apply(regulation);
    await syntheticImport(regulation.id, { KETUA_RT: 10, KETUA_RW: 10, GURU_MENGAJI: 10 }, { seed: 4 });
    const proposal = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    const perPerson = 16_800 * 12;
    expect(proposal.total).toBe(30 * perPerson);

    const ceiling = 15 * perPerson + perPerson - 1; // 15 people fit, the 16th does not
    const decided = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve-with-ceiling', ceiling } });
    expect(decided.status).toBe(200);
    const approved = await waitForProposal(finance, proposal.proposalId, ['allocating']);
    expect(approved.status).toBe('approved');
    expect(approved.approvedAmount).toBe(15 * perPerson);
    expect(approved.allocation.map((a: { segment: string; funded: number; unfunded: number }) => [a.segment, a.funded, a.unfunded])).toEqual([
      ['KETUA_RT', 10, 0],
      ['KETUA_RW', 5, 5],
      ['GURU_MENGAJI', 10, 0].map((v, i) => (i === 1 ? 0 : i === 2 ? 10 : v)),
      ['MARBOT', 0, 0],
      ['AMIL_JENAZAH', 0, 0],
      ['KADER_KESEHATAN', 0, 0],
    ]);

    // Exactly the five lowest NIKs of KETUA_RW are funded, across all NIK buckets.
    const people: { nik: string; funded: boolean }[] = [];
    for (let bucket = 0; bucket < 32; bucket++) {
      const page = await api('GET', `/proposals/${proposal.proposalId}/people?segment=KETUA_RW&bucket=${bucket}`, { token: admin });
      expect(page.status).toBe(200);
      people.push(...page.body.people);
    }
    const sorted = people.map((p) => p.nik).sort();
    expect(people.filter((p) => p.funded).map((p) => p.nik).sort()).toEqual(sorted.slice(0, 5));
    expect(people).toHaveLength(10);

    // The unfunded 15 can be proposed as a top-up (test/budget/funded-once.test.ts cuts one by a ceiling).
    const topUp = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'perubahan', startMonth: '2027-07' });
    expect(topUp.totalHeadcount).toBe(15);
    expect(topUp.segments.find((s: { segment: string }) => s.segment === 'KETUA_RW')).toMatchObject({ headcount: 5, alreadyFunded: 5 });
  }, 60_000);

  it('a roster change after the proposal makes it stale: it says why and cannot be decided', async () => {
    const regulation = tangselRegulation('perwal-budget-stale');
    await apply(regulation);
    await syntheticImport(regulation.id, { KETUA_RT: 5 }, { seed: 5 });
    const proposal = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    expect(proposal.stale).toBe(false);
    await importRoster(regulation.id, rosterCsv([personRow(tangselNik('1979-09-09', 'L', 777), 'Baru', '1979-09-09', 'L', 'KETUA_RT')]));

    const now = await api('GET', `/proposals/${proposal.proposalId}`, { token: finance });
    expect(now.body.stale).toBe(true);
    expect(now.body.staleBecause).toEqual(['the roster changed (version 1 → 2)']);
    const decided = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve' } });
    expect(decided.status).toBe(409);
    expect(decided.body.message).toContain('Propose the budget again');
  }, 60_000);

  it('separation of duties: the requester cannot decide (403), finance cannot propose, auditors only read', async () => {
    const regulation = tangselRegulation('perwal-budget-duties');
    await apply(regulation);
    await syntheticImport(regulation.id, { KETUA_RT: 3 }, { seed: 6 });
    const both = await tokenWithRoles('rudi', ['admin', 'finance']);
    const proposal = await propose(both, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    const self = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: both, body: { decision: 'approve' } });
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('rudi requested');

    const byFinance = await api('POST', '/proposals', { token: finance, body: { regulationId: regulation.id, year: 2027, cohort: 'original', clientToken: 'finance-propose-01' } });
    expect(byFinance.status).toBe(403);
    const byAuditor = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: auditor, body: { decision: 'approve' } });
    expect(byAuditor.status).toBe(403);
    expect((await api('GET', `/proposals/${proposal.proposalId}`, { token: auditor })).status).toBe(200);
  }, 60_000);

  it('rejects with a reason, asks for revisions, and expires proposals undecided past their date', async () => {
    const regulation = tangselRegulation('perwal-budget-outcomes');
    await apply(regulation);
    await syntheticImport(regulation.id, { KETUA_RT: 3 }, { seed: 7 });
    const rejected = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    const noReason = await api('POST', `/proposals/${rejected.proposalId}/decision`, { token: finance, body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    const reject = await api('POST', `/proposals/${rejected.proposalId}/decision`, { token: finance, body: { decision: 'reject', reason: 'Pagu APBD belum tersedia' } });
    expect(reject.body).toMatchObject({ status: 'rejected', decision: { reason: 'Pagu APBD belum tersedia' } });
    const twice = await api('POST', `/proposals/${rejected.proposalId}/decision`, { token: finance, body: { decision: 'approve' } });
    expect(twice.status).toBe(409);

    const revised = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    const revise = await api('POST', `/proposals/${revised.proposalId}/decision`, { token: finance, body: { decision: 'request-revision', notes: 'Pisahkan segmen RT' } });
    expect(revise.body.status).toBe('revision-requested');

    const late = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original', decideBy: '2020-12-31' });
    expect(late.status).toBe('expired');
    expect((await api('POST', `/proposals/${late.proposalId}/decision`, { token: finance, body: { decision: 'approve' } })).status).toBe(409);

    const pending = await api('GET', `/proposals?regulationId=${regulation.id}&status=expired`, { token: finance });
    expect(pending.body.proposals.map((p: { proposalId: string }) => p.proposalId)).toEqual([late.proposalId]);
  }, 60_000);
});
