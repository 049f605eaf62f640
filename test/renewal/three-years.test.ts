import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyInvariantViolations } from '../support/money-invariant';
import { personRow, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { RenewalStack } from './renewal-stack';

/**
 * Three fiscal years on the local stack, with the business clock moved by the test and the
 * renewal schedule emulated from the synthesized template:
 * 1. 2027: the roster is imported, the budget approved, everyone enrolled.
 * 2. 2028: the schedule renews on 1 August 2027: one person ages out, one died, one was removed,
 *    two joined; one finance officer reviews the budget and another approves it, and on 1 January
 *    the rest keep their KPJ numbers.
 *    Mid-2028 an APBD-Perubahan top-up funds one more person from July.
 * 3. 2029: the renewal budget is rejected, so on 1 January everyone's cover lapses, and the
 *    continuity report says who had a gap and why.
 */

const REGULATION = 'perwal-renewal-three-years';
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const run = promisify(execFile);

interface Person {
  nik: string;
  birthDate: string;
  gender: 'L' | 'P';
  segment: string;
}

function person(birthDate: string, gender: 'L' | 'P', serial: number, segment = 'KETUA_RT'): Person {
  return { nik: tangselNik(birthDate, gender, serial), birthDate, gender, segment };
}

// On 1 January 2028 the first is 66 (aged out) and the second 65, turning 66 in June 2028.
const agedOut = person('1961-06-15', 'L', 1);
const aging = person('1962-06-15', 'P', 2, 'KADER_KESEHATAN');
const deceased = person('1970-03-03', 'L', 3);
const removed = person('1975-04-04', 'P', 4, 'KETUA_RW');
const staying = [
  person('1980-01-10', 'L', 5),
  person('1981-02-11', 'P', 6, 'KADER_KESEHATAN'),
  person('1982-03-12', 'L', 7, 'GURU_MENGAJI'),
  person('1983-04-13', 'P', 8, 'KADER_KESEHATAN'),
  person('1984-05-14', 'L', 9, 'MARBOT'),
  person('1985-06-15', 'P', 10, 'KETUA_RW'),
];
const joiners = [person('1991-05-20', 'L', 11), person('1992-05-21', 'P', 12, 'KADER_KESEHATAN')];
const topUp = person('1993-07-22', 'L', 13, 'AMIL_JENAZAH');
const [AGED_OUT, AGING, DECEASED, REMOVED] = [agedOut.nik, aging.nik, deceased.nik, removed.nik];
const STAYING = staying.map((p) => p.nik);
const JOINERS = joiners.map((p) => p.nik);

function rows(people: readonly Person[]): string[][] {
  return people.map((p) => personRow(p.nik, `Warga ${p.nik.slice(-4)}`, p.birthDate, p.gender, p.segment));
}

let local: RenewalStack;
let admin: string;
let finance: string;
/** A second finance officer: the system requests the renewal budgets, so one reviews and the other approves. */
let reviewer: string;
let auditor: string;

beforeAll(async () => {
  local = await RenewalStack.start('2026-09-01');
  [admin, finance, reviewer, auditor] = await Promise.all([local.token('admin', 'ani'), local.token('finance', 'siti'), local.token('finance', 'dewi'), local.token('auditor', 'budi')]);
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

async function renewal(year: number, done: (body: any) => boolean): Promise<any> {
  return local.waitFor(`/regulations/${REGULATION}/renewals/${year}`, auditor, done, `renewal into ${year}`);
}

async function proposal(proposalId: string, status: string): Promise<any> {
  return local.waitFor(`/proposals/${proposalId}`, auditor, (p) => p.status === status, `proposal ${proposalId} ${status}`);
}

async function enrolled(runId: string): Promise<Map<string, any>> {
  await local.waitFor(`/enrollment-runs/${runId}`, auditor, (run) => run.status !== 'running', `run ${runId}`);
  const people = await local.allBuckets(
    (bucket, after) => `/enrollment-runs/${runId}/people?status=enrolled&bucket=${bucket}${after ? `&after=${after}` : ''}`,
    admin,
    (body) => body.people,
  );
  return new Map(people.map((p: any) => [p.nik, p]));
}

async function continuity(year: number): Promise<any[]> {
  return local.allBuckets(
    (bucket, after) => `/regulations/${REGULATION}/continuity?year=${year}&bucket=${bucket}${after ? `&after=${after}` : ''}`,
    auditor,
    (body) => body.gaps,
  );
}

describe('three fiscal years of cover, renewed on a schedule', () => {
  it('enrolls, renews with joiners, leavers and a death, then lapses a rejected year visibly', async () => {
    const cli = (token: string, ...args: string[]) => run(lindungBin, args, { env: { ...process.env, LINDUNG_API_URL: local.stack.apiUrl, LINDUNG_TOKEN: token } });
    // ---- Year 1 (2027): enrollment ----
    expect((await local.api('PUT', `/regulations/${REGULATION}`, admin, tangselRegulation(REGULATION))).status).toBe(200);
    const firstYear = [agedOut, aging, deceased, removed, ...staying];
    const imported = await local.importRoster(REGULATION, rows(firstYear), '2027-01-01', admin);
    expect(imported).toMatchObject({ status: 'completed', accepted: 10, rejected: 0 });
    const requested = await local.api('POST', '/proposals', admin, { regulationId: REGULATION, year: 2027, cohort: 'original', clientToken: 'three-years-2027' });
    expect(requested.status, JSON.stringify(requested.body)).toBe(202);
    await proposal(requested.body.proposalId, 'pending-decision');
    expect((await local.api('POST', `/proposals/${requested.body.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(200);
    const run2027 = await local.api('POST', '/enrollment-runs', admin, { proposalId: requested.body.proposalId });
    expect(run2027.status, JSON.stringify(run2027.body)).toBe(202);
    const covered2027 = await enrolled(run2027.body.runId);
    expect(covered2027.size).toBe(10);

    // During 2027: a death and a removal; joiners imported for 2028.
    await local.setClock('2027-05-10', admin);
    const death = await local.api('POST', '/life-events', admin, { nik: DECEASED, kind: 'death', effectiveDate: '2027-05-09', note: 'Meninggal dunia' });
    expect(death.status, JSON.stringify(death.body)).toBe(201);
    expect(death.body).toMatchObject({ regulationId: REGULATION, year: 2027, coverEnds: '2027-05-09' });
    // The same event again is harmless; a different date for it is refused.
    expect((await local.api('POST', '/life-events', admin, { nik: DECEASED, kind: 'death', effectiveDate: '2027-05-09' })).status).toBe(201);
    expect((await local.api('POST', '/life-events', admin, { nik: DECEASED, kind: 'death', effectiveDate: '2027-05-01' })).status).toBe(409);
    const removal = await local.api('POST', '/life-events', admin, { nik: REMOVED, kind: 'removal', effectiveDate: '2027-07-01', note: 'Bukan Ketua RT lagi' });
    expect(removal.status, JSON.stringify(removal.body)).toBe(201);
    expect((await local.importRoster(REGULATION, rows(joiners), '2028-01-01', admin)).accepted).toBe(2);

    // ---- Year 2 (2028): the schedule renews on 1 August 2027 ----
    const fired = await local.setClock('2027-08-01', admin);
    expect(fired.fired.map((f) => f.schedule).sort()).toEqual([
      expect.stringMatching(/^AuditExportDailyExport/),
      expect.stringMatching(/^RemittanceDailyWatch/),
      expect.stringMatching(/^RenewalDailyCheck/),
    ]);
    const renewal2028 = await renewal(2028, (r) => r.status === 'proposed');
    expect(renewal2028).toMatchObject({ fromYear: 2027, attempt: 1, trigger: 'schedule', proposeOn: '2027-08-01' });
    expect(renewal2028.diff.totals).toEqual({ previous: 10, unchanged: 7, joiners: 2, leavers: 3, agingOut: 1, next: 9 });
    expect(renewal2028.diff.leaverReasons).toEqual({ 'aged-out': 1, deceased: 1, removed: 1 });
    const leavers = await local.allBuckets(
      (bucket, after) => `/regulations/${REGULATION}/renewals/2028/people?kind=leavers&bucket=${bucket}${after ? `&after=${after}` : ''}`,
      finance,
      (body) => body.people,
    );
    expect(Object.fromEntries(leavers.map((p: any) => [p.nik, [p.reason, p.date]]))).toEqual({
      [AGED_OUT]: ['aged-out', '2027-06-15'],
      [DECEASED]: ['deceased', '2027-05-09'],
      [REMOVED]: ['removed', '2027-07-01'],
    });

    // Repeats do nothing extra: a second fire of the schedule, and an admin asking again.
    const again = await local.api('POST', `/_local/schedules/${fired.fired[0]!.schedule}/run`, admin);
    expect(again.status).toBe(200);
    const asked = await local.api('POST', `/regulations/${REGULATION}/renewals`, admin, { year: 2028 });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ attempt: 1, proposalId: renewal2028.proposalId });

    // Finance sees the diff with the proposal: one officer reviews it, another approves it.
    const proposed2028 = await proposal(renewal2028.proposalId, 'pending-decision');
    expect(proposed2028.totalHeadcount).toBe(9);
    expect(proposed2028.renewal.totals).toMatchObject({ joiners: 2, leavers: 3, unchanged: 7 });
    expect(proposed2028.reviewRequired).toBe(true);
    await local.setClock('2027-10-01', admin);
    expect((await local.api('POST', `/proposals/${renewal2028.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(409);
    expect((await cli(finance, 'budget', 'show', renewal2028.proposalId)).stdout).toContain(
      `one officer reviews it (npx lindung budget review ${renewal2028.proposalId}), another approves it`,
    );
    const review = await cli(reviewer, 'budget', 'review', renewal2028.proposalId, '--notes', 'Selisih peserta sesuai data kelurahan');
    expect(review.stdout).toMatch(/reviewed by dewi at .* \(Selisih peserta sesuai data kelurahan\)/);
    expect(review.stdout).toContain(`npx lindung budget decide ${renewal2028.proposalId} --approve (anyone in finance but dewi)`);
    expect((await local.api('POST', `/proposals/${renewal2028.proposalId}/decision`, reviewer, { decision: 'approve' })).status).toBe(403);
    expect((await local.api('POST', `/proposals/${renewal2028.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(200);

    // 1 January 2028: the renewal closes; the funded people keep their KPJ under a new period.
    await local.setClock('2028-01-01', admin);
    const closed2028 = await renewal(2028, (r) => r.status === 'renewed');
    expect(closed2028.closing).toMatchObject({ outcome: 'renewed', lapsed: 3, lapseReasons: { 'aged-out': 1, deceased: 1, removed: 1 } });
    const covered2028 = await enrolled(closed2028.closing.enrollmentRunId);
    expect([...covered2028.keys()].sort()).toEqual([AGING, ...STAYING, ...JOINERS].sort());
    for (const nik of [AGING, ...STAYING]) {
      expect(covered2028.get(nik)).toMatchObject({ kpj: covered2027.get(nik).kpj, coverageStart: '2028-01-01', coverageEnd: '2028-12-31' });
    }
    const gaps2028 = await continuity(2028);
    expect(Object.fromEntries(gaps2028.map((g) => [g.nik, [g.reason, g.coveredUntil]]))).toEqual({
      [AGED_OUT]: ['aged-out', '2027-12-31'],
      [DECEASED]: ['deceased', '2027-05-09'],
      [REMOVED]: ['removed', '2027-06-30'],
    });

    // Mid-2028, the APBD-Perubahan funds one more person from July: a prorated top-up with its own approval and run.
    await local.setClock('2028-06-15', admin);
    expect((await local.importRoster(REGULATION, rows([topUp]), '2028-07-01', admin)).accepted).toBe(1);
    const topUpRequest = await local.api('POST', '/proposals', admin, { regulationId: REGULATION, year: 2028, cohort: 'perubahan', startMonth: '2028-07', clientToken: 'three-years-2028-p' });
    expect(topUpRequest.status, JSON.stringify(topUpRequest.body)).toBe(202);
    const topUpProposal = await proposal(topUpRequest.body.proposalId, 'pending-decision');
    expect(topUpProposal).toMatchObject({ totalHeadcount: 1, total: 16_800 * 6 });
    expect((await local.api('POST', `/proposals/${topUpProposal.proposalId}/decision`, finance, { decision: 'approve' })).status).toBe(200);
    const topUpRun = await local.api('POST', '/enrollment-runs', admin, { proposalId: topUpProposal.proposalId });
    expect((await enrolled(topUpRun.body.runId)).get(topUp.nik)).toMatchObject({ coverageStart: '2028-07-01', coverageEnd: '2028-12-31' });

    // ---- Year 3 (2029): the renewal budget is rejected, so cover lapses ----
    await local.setClock('2028-08-01', admin);
    const renewal2029 = await renewal(2029, (r) => r.status === 'proposed');
    expect(renewal2029.diff.totals).toMatchObject({ previous: 10, unchanged: 9, leavers: 1, next: 9 });
    await proposal(renewal2029.proposalId, 'pending-decision');
    await local.setClock('2028-11-15', admin);
    // Rejecting spends no money: one officer does it, without a review.
    const rejected = await local.api('POST', `/proposals/${renewal2029.proposalId}/decision`, finance, { decision: 'reject', reason: 'APBD 2029 tidak menampung' });
    expect(rejected.status).toBe(200);
    // The CLI moves the clock as an admin would: `npx lindung clock set 2029-01-01`.
    const moved = await cli(admin, 'clock', 'set', '2029-01-01');
    expect(moved.stdout).toContain('Clock: 2029-01-01 09:00 Asia/Jakarta');
    expect(moved.stdout).toMatch(/fired RenewalDailyCheck\w+ for 2028-12-31T18:00:00Z/);
    const closed2029 = await renewal(2029, (r) => r.status === 'lapsed');
    expect(closed2029.closing).toMatchObject({ outcome: 'lapsed', lapsed: 10, lapseReasons: { 'budget-rejected': 9, 'aged-out': 1 } });
    const gaps2029 = await continuity(2029);
    expect(gaps2029).toHaveLength(10);
    expect(gaps2029.filter((g) => g.reason === 'budget-rejected')).toHaveLength(9);
    expect(gaps2029.find((g) => g.nik === AGING)).toMatchObject({ reason: 'aged-out', coveredUntil: '2028-12-31', gapDays: 365 });

    // The CLI shows the diff with the decision, and the continuity report, NIKs masked.
    const diff = await cli(finance, 'renewal', 'diff', '--regulation', REGULATION, '--year', '2028', '--list', 'leavers');
    expect(diff.stdout).toContain('Renewal of perwal-renewal-three-years from 2027 into 2028: renewed');
    expect(diff.stdout).toMatch(/total\s+10\s+7\s+2\s+3\s+1\s+9/);
    for (const reason of ['1 aged-out', '1 deceased', '1 removed']) expect(diff.stdout).toMatch(new RegExp(`left: .*${reason}`));
    expect(diff.stdout).toMatch(/approve by siti/);
    expect(diff.stdout).toContain(`${DECEASED.slice(0, 4)}********${DECEASED.slice(-4)}`);
    expect(diff.stdout).not.toContain(DECEASED);
    const documentFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-renewal-doc-')), 'anggaran-2028.html');
    await cli(finance, 'budget', 'show', renewal2028.proposalId, '-o', documentFile);
    const document = readFileSync(documentFile, 'utf8');
    expect(document).toContain('Perpanjangan: Perubahan Peserta dari Tahun 2027');
    expect(document).toContain('1 meninggal dunia');
    const report = await cli(auditor, 'renewal', 'continuity', '--regulation', REGULATION, '--from', '2027', '--to', '2029');
    expect(report.stdout).toContain('into 2028: 10 covered on 31 December 2027, 3 with a gap');
    expect(report.stdout).toContain('into 2029: 10 covered on 31 December 2028, 10 with a gap (');
    expect(report.stdout).toContain('9 budget-rejected');

    // The trail says what happened, in words.
    const trail = await local.api('GET', `/audit-events?entity=regulation:${REGULATION}&limit=200`, auditor);
    const actions = trail.body.events.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['renewal.started', 'renewal.verified', 'renewal.proposed', 'renewal.renewed', 'renewal.lapsed', 'life-event.death']));
    expect(JSON.stringify(trail.body)).not.toContain(DECEASED);
  }, 120_000);

  it('three years of runs: each finished without failures committed exactly what was approved', async () => {
    expect(await moneyInvariantViolations(local.stack.apiUrl, local.dataDir)).toEqual([]);
  });
});
