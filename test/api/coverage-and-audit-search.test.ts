import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { approvedProposal, runPeople, waitForRun } from '../support/enrollment';
import { tangselRegulation } from '../support/tangsel';

/** What the console's dashboard and audit search read: GET /coverage and GET /audit-events by user and date. */

const REGULATION_ID = 'coverage-report';
const SEGMENTS = { KETUA_RT: 30, GURU_MENGAJI: 12 };

let admin: string;
let auditor: string;
let proposal: any;
let runId: string;

beforeAll(async () => {
  [admin, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('auditor', 'budi')]);
  proposal = await approvedProposal(REGULATION_ID, SEGMENTS, { regionCode: '3674', seed: 8801 });
});

describe('GET /coverage', () => {
  it('counts the roster and the approved budget before enrollment, and the covered people after it', async () => {
    const before = await api('GET', `/coverage?regulationId=${REGULATION_ID}&year=2027`, { token: auditor });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const target = tangselRegulation(REGULATION_ID).segments.reduce((sum, s) => sum + s.targetHeadcount, 0);
    expect(before.body).toMatchObject({
      regulationId: REGULATION_ID,
      jurisdiction: '3674',
      regionName: 'Kota Tangerang Selatan',
      year: 2027,
      totals: { target, onRoster: 42, funded: 42, covered: 0 },
      budget: { approved: proposal.approvedAmount, committed: 0, spent: 0, pendingDecision: 0 },
      monthsOfContinuousCover: 0,
      enrollmentRuns: 0,
    });
    expect(before.body.segments.map((s: any) => s.segment)).toEqual(['KETUA_RT', 'KETUA_RW', 'GURU_MENGAJI', 'MARBOT', 'AMIL_JENAZAH', 'KADER_KESEHATAN']);

    const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: proposal.proposalId } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    runId = started.body.runId;
    const run = await waitForRun(admin, runId);
    expect(run.status).toBe('completed');

    const after = (await api('GET', `/coverage?regulationId=${REGULATION_ID}&year=2027`, { token: auditor })).body;
    const bySegment = Object.fromEntries(after.segments.map((s: any) => [s.segment, s]));
    expect(bySegment.KETUA_RT).toMatchObject({ target: 3844, onRoster: 30, funded: 30, covered: 30, category: 'BPU' });
    expect(bySegment.GURU_MENGAJI).toMatchObject({ onRoster: 12, funded: 12, covered: 12 });
    expect(bySegment.MARBOT).toMatchObject({ onRoster: 0, covered: 0 });
    expect(after.categories).toEqual([{ category: 'BPU', target, covered: 42 }]);
    expect(after.shareOfTarget).toBeCloseTo(42 / target, 10);
    expect(after.budget).toEqual({ approved: proposal.approvedAmount, committed: run.committedAmount, spent: 0, pendingDecision: 0 });
    expect(after.months).toHaveLength(12);
    expect(after.months[0]).toEqual({ month: '2027-01', covered: 42, premiums: 42 * 16_800, paid: 0 });
    expect(after.monthsOfContinuousCover).toBe(12);
    expect(after.enrollmentRuns).toBe(1);

    // Another year has none of it.
    const otherYear = (await api('GET', `/coverage?regulationId=${REGULATION_ID}&year=2028`, { token: auditor })).body;
    expect(otherYear.totals).toEqual({ target, onRoster: 0, funded: 0, covered: 0 });
  });

  it('names the regulation it does not know, and the bad field', async () => {
    const unknown = await api('GET', '/coverage?regulationId=no-such-regulation&year=2027', { token: auditor });
    expect(unknown.status).toBe(404);
    const badYear = await api('GET', `/coverage?regulationId=${REGULATION_ID}&year=twenty`, { token: auditor });
    expect(badYear.status).toBe(400);
    expect(JSON.stringify(badYear.body)).toContain('year');
  });
});

describe('GET /audit-events search', () => {
  it("finds one user's events across entities, within Jakarta dates, and narrows an entity's events to a user", async () => {
    const onRegulation = await api('GET', `/audit-events?entity=regulation:${REGULATION_ID}&actor=siti`, { token: auditor });
    expect(onRegulation.status, JSON.stringify(onRegulation.body)).toBe(200);
    expect(onRegulation.body.events.length).toBeGreaterThan(0);
    for (const event of onRegulation.body.events) expect(event).toMatchObject({ actor: 'siti', entityType: 'regulation', entityId: REGULATION_ID });
    const times = onRegulation.body.events.map((e: any) => e.at);
    expect(times).toEqual([...times].sort());
    const decision = onRegulation.body.events.find((e: any) => e.summary.includes(proposal.proposalId));
    expect(decision).toBeDefined();

    // Audit times follow the business clock, which other tests may move: search around the event's own Jakarta date.
    const day = new Date(Date.parse(decision.at) + 7 * 3600_000).toISOString().slice(0, 10);
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const byFinance = await api('GET', `/audit-events?actor=siti&from=${day}&to=${day}`, { token: auditor });
    expect(byFinance.status, JSON.stringify(byFinance.body)).toBe(200);
    for (const event of byFinance.body.events) expect(event.actor).toBe('siti');
    expect(byFinance.body.events.map((e: any) => e.eventId)).toContain(decision.eventId);
    const earlier = await api('GET', `/audit-events?actor=siti&to=${dayBefore}`, { token: auditor });
    expect(earlier.body.events.map((e: any) => e.eventId)).not.toContain(decision.eventId);
    const later = await api('GET', `/audit-events?entity=regulation:${REGULATION_ID}&from=${day}`, { token: auditor });
    expect(later.body.events.map((e: any) => e.eventId)).toContain(decision.eventId);
  });

  it('finds the events about one person by their masked NIK, never sending the full NIK', async () => {
    const [person, other] = await runPeople(auditor, runId, 'enrolled');
    const removal = await api('POST', '/life-events', { token: admin, body: { nik: person.nik, kind: 'removal', effectiveDate: '2027-06-01' } });
    expect(removal.status, JSON.stringify(removal.body)).toBe(201);
    const masked = `${person.nik.slice(0, 4)}********${person.nik.slice(12)}`;
    const found = await api('GET', `/audit-events?entity=regulation:${REGULATION_ID}&person=${encodeURIComponent(masked)}`, { token: auditor });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.events.map((e: any) => e.action)).toEqual(['life-event.removal']);
    expect(found.body.events[0].summary).toContain(masked);
    const byAdmin = await api('GET', `/audit-events?actor=ani&person=${encodeURIComponent(masked)}`, { token: auditor });
    expect(byAdmin.body.events.map((e: any) => e.eventId)).toEqual([found.body.events[0].eventId]);
    const otherMasked = `${other.nik.slice(0, 4)}********${other.nik.slice(12)}`;
    if (otherMasked !== masked) {
      expect((await api('GET', `/audit-events?entity=regulation:${REGULATION_ID}&person=${encodeURIComponent(otherMasked)}`, { token: auditor })).body.events).toEqual([]);
    }
    const fullNik = await api('GET', `/audit-events?entity=regulation:${REGULATION_ID}&person=${person.nik}`, { token: auditor });
    expect(fullNik.status).toBe(400);
    expect(JSON.stringify(fullNik.body)).toContain('person');
  });

  it('needs an entity or a user, and a range that does not end before it starts', async () => {
    const neither = await api('GET', '/audit-events', { token: auditor });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body)).toContain('entity');
    const backwards = await api('GET', '/audit-events?actor=siti&from=2027-02-01&to=2027-01-01', { token: auditor });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('from');
  });
});
