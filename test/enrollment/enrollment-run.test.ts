import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { api, tokenFor } from '../support/api';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { approvedProposal, runPeople, waitForRun } from '../support/enrollment';

let admin: string;
let finance: string;
let auditor: string;

beforeAll(async () => {
  [admin, finance, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('auditor', 'budi')]);
});

const start = (proposalId: string, token = admin) => api('POST', '/enrollment-runs', { token, body: { proposalId } });

describe('enrollment runs', () => {
  it('enrolls every funded person once with a KPJ number; concurrent and repeated starts reach one run', async () => {
    const proposal = await approvedProposal('enroll-basic', { KETUA_RT: 180, KETUA_RW: 40, MARBOT: 25 }, { regionCode: '3671', seed: 501 });
    expect((await start(proposal.proposalId, finance)).status).toBe(403);

    const starts = await Promise.all([start(proposal.proposalId), start(proposal.proposalId), start(proposal.proposalId)]);
    for (const response of starts) expect(response.status, JSON.stringify(response.body)).toBe(202);
    const runIds = new Set(starts.map((response) => response.body.runId));
    expect(runIds.size).toBe(1);
    const runId = starts[0]!.body.runId as string;

    const run = await waitForRun(admin, runId);
    expect(run).toMatchObject({ status: 'completed', attempt: 1, counts: { planned: 245, enrolled: 245, failed: 0, skipped: 0, remaining: 0 } });
    expect(run.committedAmount).toBe(proposal.approvedAmount);
    expect(run.invoice.total).toBe(proposal.approvedAmount);
    expect(run.invoice.monthlyTotals).toHaveLength(12);
    expect(run.invoice.monthlyTotals[0]).toMatchObject({ month: '2027-01', people: 245, amount: 245 * 16_800 });

    const enrolled = await runPeople(auditor, runId, 'enrolled');
    expect(enrolled).toHaveLength(245);
    expect(new Set(enrolled.map((person) => person.nik)).size).toBe(245);
    expect(new Set(enrolled.map((person) => person.kpj)).size).toBe(245);
    for (const person of enrolled) {
      expect(person.kpj).toMatch(/^\d{11}$/);
      expect(person).toMatchObject({ coverageStart: '2027-01-01', coverageEnd: '2027-12-31' });
    }

    // A re-trigger of the finished run does nothing: same run, same attempt, same money.
    const again = await start(proposal.proposalId);
    expect(again.body).toMatchObject({ runId, status: 'completed', attempt: 1, committedAmount: proposal.approvedAmount });
    const retried = await api('POST', `/enrollment-runs/${runId}/retry-failed`, { token: admin, body: { attempt: 1 } });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ runId, status: 'completed', attempt: 1 });

    const trail = await api('GET', `/audit-events?entity=enrollment-run:${runId}`, { token: auditor });
    expect(trail.body.events.map((event: any) => event.action).sort()).toEqual(['enrollment.finished', 'enrollment.started']);
  }, 120_000);

  it('records people the insurer refuses, gives their money back, and retries only them', async () => {
    const proposal = await approvedProposal('enroll-refused', { KETUA_RT: 60, GURU_MENGAJI: 20 }, { regionCode: '3672', seed: 502 });
    // Three people already hold a membership under another Pemda's collective account.
    const roster = await api('GET', `/proposals/${proposal.proposalId}/people?segment=KETUA_RT&bucket=0`, { token: admin });
    const elsewhere = [] as string[];
    for (let bucket = 0; elsewhere.length < 3 && bucket < 32; bucket++) {
      const page = await api('GET', `/proposals/${proposal.proposalId}/people?segment=KETUA_RT&bucket=${bucket}`, { token: admin });
      elsewhere.push(...page.body.people.map((person: any) => person.nik).slice(0, 3 - elsewhere.length));
    }
    expect(roster.status).toBe(200);
    const registered = await fetch(`${inject('insurerUrl')}/v1/collective-accounts/PEMDA-LAIN-009/registrations:batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'lindung-local-insurer-key', 'idempotency-key': 'elsewhere-502' },
      body: JSON.stringify({
        wadahCode: 'SG',
        people: elsewhere.map((nik) => ({ nik, name: 'Lain', birthDate: '1980-01-01', gender: 'L', programs: ['JKK', 'JKM'], coverageStart: '2027-01-01', coverageEnd: '2027-12-31', segment: 'x' })),
      }),
    });
    expect(registered.status).toBe(200);

    const started = await start(proposal.proposalId);
    const run = await waitForRun(admin, started.body.runId);
    expect(run).toMatchObject({ status: 'completed-with-failures', counts: { planned: 80, enrolled: 77, failed: 3, remaining: 0 } });
    expect(run.failureReasons).toEqual([{ reason: 'REGISTERED_ELSEWHERE', people: 3 }]);
    expect(run.committedAmount).toBe(proposal.approvedAmount - 3 * 16_800 * 12);
    expect(run.invoice.total).toBe(run.committedAmount);
    const failed = await runPeople(admin, run.runId, 'failed');
    expect(failed.map((person) => person.nik).sort()).toEqual([...elsewhere].sort());
    expect(failed[0]).toMatchObject({ reason: 'REGISTERED_ELSEWHERE' });

    // Retry: the same three are sent again (and refused again); a double click retries once.
    const [first, second] = await Promise.all([
      api('POST', `/enrollment-runs/${run.runId}/retry-failed`, { token: admin, body: { attempt: 1 } }),
      api('POST', `/enrollment-runs/${run.runId}/retry-failed`, { token: admin, body: { attempt: 1 } }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const retried = await waitForRun(admin, run.runId);
    expect(retried).toMatchObject({ attempt: 2, status: 'completed-with-failures', counts: { enrolled: 77, failed: 3 } });
    expect(retried.committedAmount).toBe(run.committedAmount);

    // The auditor reads each attempt's outcome in the run's trail: counts, reasons and premiums, and
    // where the people are, in Bahasa Indonesia and English, naming no one.
    const trail = (await api('GET', `/audit-events?entity=enrollment-run:${run.runId}`, { token: auditor })).body.events as { action: string; summary: string }[];
    expect(trail.map((event) => event.action)).toEqual(['enrollment.started', 'enrollment.finished', 'enrollment.retried', 'enrollment.finished']);
    const outcome = trail.at(-1)!.summary;
    expect(outcome).toContain(
      `Pendaftaran ${run.runId} selesai dengan kegagalan (percobaan 2): 77 orang terdaftar, 3 gagal (REGISTERED_ELSEWHERE 3), ${retried.counts.skipped} sudah tercakup; ` +
        `iuran terikat ${formatRupiah(retried.invoice.total)}; entri ledger di `,
    );
    expect(outcome).toMatch(/ halaman \(GURU_MENGAJI \d+, KETUA_RT \d+\): GET \/enrollment-runs\/[\w-]+\/people \/ Enrollment run /);
    expect(outcome).toContain(`attempt 2 completed with failures: 77 enrolled, 3 failed (REGISTERED_ELSEWHERE 3), ${retried.counts.skipped} already covered`);
    for (const event of trail) expect(event.summary).not.toMatch(/\d{16}/);
  }, 120_000);

  it('enrolls only whom a ceiling funds, and never commits more than approved', async () => {
    // Priority: KETUA_RT (1) before MARBOT (4); a ceiling that funds all RT and 10 of 30 marbot.
    const perPerson = 16_800 * 12;
    const proposal = await approvedProposal('enroll-ceiling', { KETUA_RT: 50, MARBOT: 30 }, { regionCode: '3673', seed: 503, ceiling: perPerson * 60 + 5_000 });
    expect(proposal.approvedAmount).toBe(perPerson * 60);
    const started = await start(proposal.proposalId);
    const run = await waitForRun(admin, started.body.runId);
    expect(run).toMatchObject({ status: 'completed', counts: { planned: 60, enrolled: 60, failed: 0, remaining: 0 } });
    expect(run.committedAmount).toBe(perPerson * 60);
    const enrolled = await runPeople(admin, run.runId, 'enrolled');
    const marbot = enrolled.filter((person) => person.segment === 'MARBOT').map((person) => person.nik).sort();
    expect(marbot).toHaveLength(10);
    expect(marbot.at(-1)).toBe(proposal.allocation.find((a: any) => a.segment === 'MARBOT').lastFundedNik);
  }, 120_000);

  it('refuses a proposal that is not approved or has gone stale, saying what to do', async () => {
    const proposal = await approvedProposal('enroll-stale', { KETUA_RT: 10 }, { regionCode: '3674', seed: 504 });
    const { importRoster } = await import('../support/roster-files');
    const { writeSyntheticRoster } = await import('../../scripts/lib/synthetic-roster');
    const { mkdtempSync } = await import('node:fs');
    const path = await import('node:path');
    const os = await import('node:os');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-enroll-')), 'roster.csv');
    await writeSyntheticRoster(file, { segments: { KETUA_RT: 3 }, regionCode: '3674', badShare: 0, seed: 505, firstSerial: 9000 });
    await importRoster('enroll-stale', file);
    const refused = await start(proposal.proposalId);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/stale.*Propose the budget again/);
    expect((await start('bp-2027-doesnotexist')).status).toBe(404);
  }, 120_000);
});
