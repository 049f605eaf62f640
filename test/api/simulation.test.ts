import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { countInProfile } from '../../shared/core/simulation/age-profile';
import { useLocalTables } from '../support/local-tables';

/** This file's own district of Tangsel: its people are on no other test's roster. */
const DISTRICT = '61';

let admin: string;
let finance: string;
let auditor: string;

beforeAll(async () => {
  [admin, finance, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti'), tokenFor('auditor', 'budi')]);
});

/**
 * A regulation of two segments and a roster of `rt` heads of RT (born 1970–1989) and `kader`
 * health cadres (born 1960–1969), with NIK serials from `serials` on (a person is on one roster a year).
 */
async function twoSegmentRoster(id: string, rt: number, kader: number, serials: number) {
  const base = tangselRegulation(id);
  const regulation = {
    ...base,
    segments: [
      { ...base.segments.find((s) => s.code === 'KETUA_RT')!, targetHeadcount: 10_000, priority: 1 },
      { code: 'KADER', name: 'Kader kesehatan', category: 'BPU', premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 }, eligibility: { minAge: 18, maxAge: 70 }, targetHeadcount: 10_000, priority: 2 },
    ],
  };
  expect((await api('PUT', `/regulations/${id}`, { token: admin, body: regulation })).status).toBe(200);
  const rows = [
    ...Array.from({ length: rt }, (_, i) => {
      const birthDate = `${1970 + (i % 20)}-0${1 + (i % 9)}-1${i % 9}`;
      return personRow(tangselNik(birthDate, 'L', serials + i, DISTRICT), `Ketua RT ${i}`, birthDate, 'L', 'KETUA_RT');
    }),
    ...Array.from({ length: kader }, (_, i) => {
      const birthDate = `${1960 + (i % 10)}-0${1 + (i % 9)}-2${i % 9}`;
      return personRow(tangselNik(birthDate, 'P', serials + 5_000 + i, DISTRICT), `Kader ${i}`, birthDate, 'P', 'KADER');
    }),
  ];
  const status = await importRoster(id, rosterCsv(rows));
  expect(status.accepted).toBe(rt + kader);
  return { ...regulation, rows };
}

async function fundedNiks(pathOf: (bucket: number) => string, token: string): Promise<string[]> {
  const niks: string[] = [];
  for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
    let after: string | undefined;
    do {
      const page = await api('GET', `${pathOf(bucket)}&bucket=${bucket}${after ? `&after=${after}` : ''}`, { token });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      niks.push(...page.body.people.filter((p: { funded: boolean }) => p.funded).map((p: { nik: string }) => p.nik));
      after = page.body.after;
    } while (after);
  }
  return niks.sort();
}

/** Every person a scenario lists, bucket by bucket with no segment named, as `<segment> <nik>`, in the order listed. */
async function listedPeople(regulationId: string, scenarioId: string, limit: number): Promise<string[]> {
  const listed: string[] = [];
  for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
    let after: string | undefined;
    do {
      const page = await api('GET', `/regulations/${regulationId}/scenarios/${scenarioId}/people?bucket=${bucket}&limit=${limit}${after ? `&after=${after}` : ''}`, { token: auditor });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      listed.push(...page.body.people.map((p: { segment: string; nik: string }) => `${p.segment} ${p.nik}`));
      after = page.body.after;
    } while (after);
  }
  return listed;
}

describe('simulation', () => {
  it('a ceiling scenario lists exactly the people the real ceiling decision then funds', async () => {
    const regulation = await twoSegmentRoster('perwal-simulasi-pagu', 300, 200, 100);
    const perPerson = 16_800 * 12;
    // Everyone of KETUA_RT and 77 of the 200 cadres.
    const ceiling = perPerson * (300 + 77) + 5_000;
    const scenario = { id: 'pagu-2027', name: 'Pagu Rp76 juta', regulationId: regulation.id, year: 2027, ceiling };
    expect((await api('PUT', `/regulations/${regulation.id}/scenarios/pagu-2027`, { token: finance, body: scenario })).status).toBe(200);

    const simulated = await api('GET', `/regulations/${regulation.id}/scenarios/pagu-2027/simulation`, { token: auditor });
    expect(simulated.status, JSON.stringify(simulated.body)).toBe(200);
    expect(simulated.body.ceiling).toMatchObject({ ceiling, fundedHeadcount: 377, unfundedHeadcount: 123, amount: perPerson * 377, unspent: 5_000 });
    const scenarioKader = await fundedNiks((_) => `/regulations/${regulation.id}/scenarios/pagu-2027/people?segment=KADER`, finance);
    expect(scenarioKader).toHaveLength(77);

    const proposal = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
    expect(proposal.total).toBe(simulated.body.cohorts[0].total);
    const decided = await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve-with-ceiling', ceiling } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    await waitForProposal(finance, proposal.proposalId, ['allocating']);
    const realKader = await fundedNiks((_) => `/proposals/${proposal.proposalId}/people?segment=KADER`, finance);
    expect(realKader).toEqual(scenarioKader);
    const realRt = await fundedNiks((_) => `/proposals/${proposal.proposalId}/people?segment=KETUA_RT`, finance);
    expect(realRt).toHaveLength(300);
  }, 180_000);

  it('scenarios are versioned and audited, checked against the regulation, and read-only', async () => {
    const regulation = await twoSegmentRoster('perwal-simulasi-versi', 40, 20, 1_000);
    const path = `/regulations/${regulation.id}/scenarios/naik-penghasilan`;
    const scenario = { id: 'naik-penghasilan', name: 'Penghasilan Rp1.500.000', regulationId: regulation.id, year: 2027, declaredIncome: 1_500_000, projectionYears: 3 };
    const first = await api('PUT', path, { token: finance, body: scenario });
    expect(first.body).toMatchObject({ outcome: 'created', scenario: { version: 1, savedBy: 'siti' } });
    expect((await api('PUT', path, { token: finance, body: scenario })).body.outcome).toBe('unchanged');
    const second = await api('PUT', path, { token: admin, body: { ...scenario, declaredIncome: 2_000_000 } });
    expect(second.body).toMatchObject({ outcome: 'changed', scenario: { version: 2, savedBy: 'ani' }, changes: [{ path: 'declaredIncome', before: 1_500_000, after: 2_000_000 }] });
    expect((await api('GET', `${path}?version=1`, { token: auditor })).body.declaredIncome).toBe(1_500_000);
    expect((await api('GET', `/regulations/${regulation.id}/scenarios`, { token: auditor })).body.scenarios.map((s: { id: string; version: number }) => [s.id, s.version])).toEqual([['naik-penghasilan', 2]]);

    const v1 = await api('GET', `${path}/simulation?version=1`, { token: auditor });
    const v2 = await api('GET', `${path}/simulation`, { token: auditor });
    expect(v2.body.total).toBeGreaterThan(v1.body.total);
    expect(v1.body.projection.map((y: { year: number }) => y.year)).toEqual([2027, 2028, 2029]);

    const trail = await api('GET', `/audit-events?regulationId=${regulation.id}`, { token: auditor });
    expect(trail.body.events.filter((e: { entityType: string }) => e.entityType === 'scenario').map((e: { action: string }) => e.action)).toEqual(['scenario.created', 'scenario.changed']);

    // Turned into a draft amendment, the scenario changes nothing until an admin applies it, the normal way.
    const draft = await api('GET', `${path}/amendment`, { token: finance });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body).toMatchObject({ basedOnVersion: 1, ifMatch: '"v1"' });
    expect(draft.body.changes.map((c: { path: string }) => c.path).sort()).toEqual(['segments[KADER].premiumBasis.declaredIncome', 'segments[KETUA_RT].premiumBasis.declaredIncome']);
    expect((await api('GET', `/regulations/${regulation.id}`, { token: auditor })).body.version).toBe(1);
    const applied = await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: draft.body.regulation, headers: { 'if-match': draft.body.ifMatch } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ outcome: 'amended', regulation: { version: 2 } });
    expect((await api('GET', `${path}/amendment`, { token: finance })).body.changes).toEqual([]);

    // Nothing real changed otherwise: no proposal, and the roster is the one imported.
    expect((await api('GET', `/proposals?regulationId=${regulation.id}`, { token: auditor })).body.proposals).toEqual([]);

    // Whoever may not save gets 403; a scenario that does not fit gets each problem named.
    expect((await api('PUT', path, { token: auditor, body: scenario })).status).toBe(403);
    const unfit = await api('PUT', `/regulations/${regulation.id}/scenarios/salah`, { token: finance, body: { ...scenario, id: 'salah', segments: { NELAYAN: { people: 10 } }, removeSegments: ['KADER', 'KETUA_RT'] } });
    expect(unfit.status).toBe(400);
    expect(JSON.stringify(unfit.body)).toMatch(/segments\.NELAYAN/);
    const misspelt = await api('PUT', `/regulations/${regulation.id}/scenarios/salah`, { token: finance, body: { ...scenario, id: 'salah', segmens: {} } });
    expect(misspelt.status).toBe(400);
    expect(JSON.stringify(misspelt.body)).toMatch(/segmens/);
    expect((await api('GET', `/regulations/${regulation.id}/scenarios/tidak-ada/simulation`, { token: auditor })).status).toBe(404);
  }, 120_000);

  it('each import keeps the ages a simulation reads, bucket by bucket, as its entries are', async () => {
    const regulation = await twoSegmentRoster('perwal-simulasi-umur', 30, 20, 2_000);
    await useLocalTables();
    const { DynamoDbRosterLedger } = await import('../../shared/adapters/dynamodb/dynamodb-roster-ledger');
    const { documentClient } = await import('../../shared/adapters/dynamodb/document-client');
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const roster = new DynamoDbRosterLedger();
    const expected = (rows: string[][]) => {
      const profile: Record<string, Record<string, number>> = {};
      for (const row of rows) countInProfile(profile, row[8]!, row[2]!.split('/').reverse().join('-'));
      return profile;
    };
    expect(await roster.ageProfile(regulation.id, 2027)).toEqual(expected(regulation.rows));
    // Every bucket's writer left its counts, so a simulation reads them instead of the roster.
    const stored = await documentClient.send(new QueryCommand({ TableName: process.env.MAIN_TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AGES#${regulation.id}#2027` } }));
    const items = stored.Items ?? [];
    expect(items.filter((item) => !String(item.sk).includes('#'))).toHaveLength(NIK_BUCKETS);
    const storedPeople = items.flatMap((item) => Object.values((item.counts ?? {}) as Record<string, number>)).reduce((a, b) => a + b, 0);
    expect(storedPeople).toBe(50);

    // The cadres young enough for KETUA_RT (65 at most) move there, the higher priority: their
    // counts leave KADER, and KETUA_RT's grow.
    const movable = (row: string[]) => row[8] === 'KADER' && !row[2]!.endsWith('/1960');
    const moved = regulation.rows.map((row) => (movable(row) ? [...row.slice(0, 8), 'KETUA_RT'] : row));
    const status = await importRoster(regulation.id, rosterCsv(moved.filter((row, i) => movable(regulation.rows[i]!))));
    expect(status.accepted).toBe(18);
    expect(await roster.ageProfile(regulation.id, 2027)).toEqual(expected(moved));

    // The people a simulation lists are packed by the same writers: every bucket lists its people
    // as the roster now has them, by segment and NIK, however the pages are cut.
    const scenario = { id: 'semua-orang', name: 'Semua orang', regulationId: regulation.id, year: 2027 };
    expect((await api('PUT', `/regulations/${regulation.id}/scenarios/${scenario.id}`, { token: finance, body: scenario })).status).toBe(200);
    const onRoster = (rows: string[][]) => rows.map((row) => `${row[8]} ${row[0]}`).sort();
    const listed = await listedPeople(regulation.id, scenario.id, 3);
    expect([...listed].sort()).toEqual(onRoster(moved));
    expect(await listedPeople(regulation.id, scenario.id, 5_000)).toEqual(listed);
    const bad = await api('GET', `/regulations/${regulation.id}/scenarios/${scenario.id}/people?bucket=0&after=3674`, { token: auditor });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/<segment>:<nik>/);
  }, 120_000);
});
