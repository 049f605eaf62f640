import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { RenewalStack } from '../renewal/renewal-stack';
import { moneyInvariantViolations } from '../support/money-invariant';
import { personRow, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/**
 * A death or removal changes the money (issue #11): the invoice, the coverage report and the money committed
 * drop the person from the month after cover ends, the premiums of those months go back to the
 * proposal once and visibly, and a death recorded after the renewal carried the person into the
 * next year removes that entry too (and its cover, if it was enrolled already). On a stack of its
 * own: deaths cannot be in the future, so the business clock is moved into the cover years.
 */

const REGULATION = 'perwal-life-event-money';
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const run = promisify(execFile);

const diesInMarch = tangselNik('1970-03-03', 'L', 21);
const diesAfterRenewal = tangselNik('1971-04-04', 'P', 22);
const diesAfterEnrollment = tangselNik('1972-05-05', 'L', 23);
const stays = tangselNik('1973-06-06', 'P', 24);
const people = [
  [diesInMarch, '1970-03-03', 'L'],
  [diesAfterRenewal, '1971-04-04', 'P'],
  [diesAfterEnrollment, '1972-05-05', 'L'],
  [stays, '1973-06-06', 'P'],
] as const;

let local: RenewalStack;
let admin: string;
let finance: string;
/** A second finance officer: a renewal budget is reviewed by one officer and approved by another. */
let reviewer: string;
let auditor: string;

beforeAll(async () => {
  local = await RenewalStack.start('2026-09-01');
  [admin, finance, reviewer, auditor] = await Promise.all([local.token('admin', 'ani'), local.token('finance', 'siti'), local.token('finance', 'dewi'), local.token('auditor', 'budi')]);
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

const runOf = (runId: string) => local.waitFor(`/enrollment-runs/${runId}`, auditor, (r) => r.status !== 'running', `run ${runId}`);
const proposal = (proposalId: string, status: string) => local.waitFor(`/proposals/${proposalId}`, auditor, (p) => p.status === status, `proposal ${proposalId} ${status}`);
const renewal = (done: (r: any) => boolean) => local.waitFor(`/regulations/${REGULATION}/renewals/2028`, auditor, done, 'renewal into 2028');
const coverage = async (year: number) => (await local.api('GET', `/coverage?regulationId=${REGULATION}&year=${year}`, auditor)).body;
const roster = async (year: number) => (await local.api('GET', `/regulations/${REGULATION}/roster?year=${year}`, auditor)).body;
const peopleBilled = (invoice: any, month: string) => invoice.monthlyTotals.find((m: any) => m.month === month)?.people ?? 0;
const death = (nik: string, effectiveDate: string) => local.api('POST', '/life-events', admin, { nik, kind: 'death', effectiveDate });

describe('a death changes the money', () => {
  it('releases the months after cover ends once, visibly, and removes the next year that the renewal carried', async () => {
    // ---- 2027: four people enrolled ----
    expect((await local.api('PUT', `/regulations/${REGULATION}`, admin, tangselRegulation(REGULATION))).status).toBe(200);
    const rows = people.map(([nik, birthDate, gender]) => personRow(nik, `Warga ${nik.slice(-4)}`, birthDate, gender, 'KETUA_RT'));
    expect(await local.importRoster(REGULATION, rows, '2027-01-01', admin)).toMatchObject({ status: 'completed', accepted: 4 });
    const requested = await local.api('POST', '/proposals', admin, { regulationId: REGULATION, year: 2027, cohort: 'original', clientToken: 'life-money-2027' });
    expect(requested.status, JSON.stringify(requested.body)).toBe(202);
    await proposal(requested.body.proposalId, 'pending-decision');
    expect((await local.api('POST', `/proposals/${requested.body.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(200);
    const started = await local.api('POST', '/enrollment-runs', admin, { proposalId: requested.body.proposalId });
    const enrolled2027 = await runOf(started.body.runId);
    expect(enrolled2027).toMatchObject({ status: 'completed', counts: { enrolled: 4 }, releasedAmount: 0 });
    const approved2027 = enrolled2027.approvedAmount;
    expect(enrolled2027.committedAmount).toBe(approved2027);
    const monthly = enrolled2027.invoice.lines.find((line: any) => line.month === '2027-04').premium;
    expect(approved2027).toBe(4 * 12 * monthly);

    // ---- A removal from 1 June, then a death on 14 March 2027 recorded twice: the end moves earlier ----
    await local.setClock('2027-03-20', admin);
    expect((await local.api('POST', '/life-events', admin, { nik: diesInMarch, kind: 'removal', effectiveDate: '2027-06-01' })).status).toBe(201);
    const afterRemoval = await runOf(started.body.runId);
    expect(afterRemoval.releasedAmount).toBe(7 * monthly);
    expect([peopleBilled(afterRemoval.invoice, '2027-05'), peopleBilled(afterRemoval.invoice, '2027-06')]).toEqual([4, 3]);
    for (const _ of [1, 2]) expect((await death(diesInMarch, '2027-03-14')).status).toBe(201);
    const afterMarch = await runOf(started.body.runId);
    // March is billed in full; April to December are not, and go back to the proposal once in all.
    expect(afterMarch.releasedAmount).toBe(9 * monthly);
    expect(afterMarch.committedAmount).toBe(approved2027 - 9 * monthly);
    expect(peopleBilled(afterMarch.invoice, '2027-03')).toBe(4);
    expect(peopleBilled(afterMarch.invoice, '2027-04')).toBe(3);
    expect(peopleBilled(afterMarch.invoice, '2027-12')).toBe(3);
    expect(afterMarch.invoice.total).toBe(approved2027 - 9 * monthly);
    const coverage2027 = await coverage(2027);
    expect(coverage2027.budget).toMatchObject({ approved: approved2027, committed: approved2027 - 9 * monthly, spent: 0 });
    expect(coverage2027.months.slice(2, 4)).toEqual([
      { month: '2027-03', covered: 4, premiums: 4 * monthly, paid: 0 },
      { month: '2027-04', covered: 3, premiums: 3 * monthly, paid: 0 },
    ]);
    const cli = (token: string, ...args: string[]) => run(lindungBin, args, { env: { ...process.env, LINDUNG_API_URL: local.stack.apiUrl, LINDUNG_TOKEN: token } });
    const status = await cli(auditor, 'enroll', 'status', started.body.runId);
    expect(status.stdout).toContain(`committed ${formatRupiah(approved2027 - 9 * monthly)} of ${formatRupiah(approved2027)} approved; ${formatRupiah(9 * monthly)} released`);
    const trail = await local.api('GET', `/audit-events?entity=regulation:${REGULATION}&limit=200`, auditor);
    const recorded = trail.body.events.filter((e: any) => e.action === 'life-event.death');
    expect(recorded).toHaveLength(1);
    expect(recorded[0].summary).toContain(`${formatRupiah(2 * monthly)} of 2027 premiums after 2027-03 released back to proposal ${requested.body.proposalId}`);
    expect(JSON.stringify(trail.body)).not.toContain(diesInMarch);

    // ---- The renewal carries three people into 2028; then a death of 30 July is recorded ----
    await local.setClock('2027-08-01', admin);
    const carried = await renewal((r) => r.status === 'proposed');
    expect(carried.diff.totals).toMatchObject({ previous: 4, unchanged: 3, leavers: 1, next: 3 });
    expect((await proposal(carried.proposalId, 'pending-decision')).totalHeadcount).toBe(3);
    expect((await roster(2028)).total).toBe(3);
    const late = await death(diesAfterRenewal, '2027-07-30');
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect((await runOf(started.body.runId)).releasedAmount).toBe(9 * monthly + 5 * monthly);
    // The 2028 entry went with the death: the roster counts two, and the budget asking for three is stale.
    expect(await roster(2028)).toMatchObject({ total: 2, segments: { KETUA_RT: 2 } });
    expect((await local.api('GET', `/proposals/${carried.proposalId}`, auditor)).body).toMatchObject({ stale: true });
    // What a simulation reads of the roster follows the death too: the renewal's packed people and
    // ages of the bucket no longer hold, so the person list and the age profile count two.
    const whatIf = { id: 'setelah-kematian', name: 'Setelah kematian', regulationId: REGULATION, year: 2028 };
    expect((await local.api('PUT', `/regulations/${REGULATION}/scenarios/${whatIf.id}`, finance, whatIf)).status).toBe(200);
    const listed = await local.allBuckets((bucket, after) => `/regulations/${REGULATION}/scenarios/${whatIf.id}/people?bucket=${bucket}${after ? `&after=${after}` : ''}`, auditor, (page) => page.people.map((p: { nik: string }) => p.nik));
    expect(listed.sort()).toEqual([diesAfterEnrollment, stays].sort());
    // A wider age window counts the segment from the age profile, which must not hold the dead person.
    const wider = { ...whatIf, id: 'jendela-lebar', name: 'Jendela usia lebar', segments: { KETUA_RT: { eligibility: { minAge: 0, maxAge: 120 } } } };
    expect((await local.api('PUT', `/regulations/${REGULATION}/scenarios/${wider.id}`, finance, wider)).status).toBe(200);
    const counted = (await local.api('GET', `/regulations/${REGULATION}/scenarios/${wider.id}/simulation`, auditor)).body;
    expect(counted.cohorts[0].segments.find((s: { segment: string }) => s.segment === 'KETUA_RT').headcount).toBe(2);
    const again = await local.api('POST', `/regulations/${REGULATION}/renewals`, admin, { year: 2028 });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    const renewed = await renewal((r) => r.attempt === 2 && r.status === 'proposed');
    expect(renewed.diff.totals).toMatchObject({ previous: 4, unchanged: 2, leavers: 2, next: 2 });
    await proposal(renewed.proposalId, 'pending-decision');
    await local.setClock('2027-10-01', admin);
    expect((await local.api('POST', `/proposals/${renewed.proposalId}/review`, reviewer, {})).status).toBe(200);
    expect((await local.api('POST', `/proposals/${renewed.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(200);

    // ---- 2028 enrolled; then a death of 20 December 2027 is recorded late ----
    await local.setClock('2028-01-01', admin);
    const closed = await renewal((r) => r.status === 'renewed');
    const enrolled2028 = await runOf(closed.closing.enrollmentRunId);
    expect(enrolled2028).toMatchObject({ status: 'completed', counts: { enrolled: 2 }, releasedAmount: 0 });
    const approved2028 = enrolled2028.approvedAmount;
    await local.setClock('2028-01-05', admin);
    expect((await death(diesAfterEnrollment, '2027-12-20')).status).toBe(201);
    // December 2027 was billed, so nothing of 2027 goes back; all of the 2028 cover does.
    expect((await runOf(started.body.runId)).releasedAmount).toBe(14 * monthly);
    const after2028 = await runOf(closed.closing.enrollmentRunId);
    expect(after2028.releasedAmount).toBe(approved2028 / 2);
    expect(after2028.committedAmount).toBe(approved2028 / 2);
    expect(after2028.invoice.monthlyTotals.map((m: any) => m.people)).toEqual(Array(12).fill(1));
    expect((await coverage(2028)).budget.committed).toBe(approved2028 / 2);
    expect((await roster(2028)).total).toBe(1);
  }, 180_000);

  it('keeps the money invariant: committed + released = approved for every run that finished without failures', async () => {
    expect(await moneyInvariantViolations(local.stack.apiUrl, local.dataDir)).toEqual([]);
  });
});
