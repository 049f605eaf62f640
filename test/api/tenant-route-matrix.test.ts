import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RouteSpec } from '../../shared/api/route-spec';
import { type RouteName, routes } from '../../shared/api/routes';
import { NATIONAL_REGION } from '../../shared/core/access/region-reach';
import { ROLES } from '../../shared/core/access/roles';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { signLocalToken } from '../../shared/runtime/local-auth/local-token';
import { api } from '../support/api';
import { propose, tokenWithRoles, waitForProposal } from '../support/budget';
import { waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { type SampleIds, type SampleRequest, sampleRequest } from '../support/route-samples';
import { tangselRegulation } from '../support/tangsel';

/**
 * Two regions in one stack, side by side: Kota Tangerang Selatan (3674, in Banten) and Kabupaten
 * Bekasi (3216, in Jawa Barat). Each runs the whole flow: regulation, roster, an approved budget,
 * an enrollment run, a death, a bill. Then every route of the catalogue is called with each
 * region's real ids by users of five places, each holding every role so that only the region
 * decides:
 *
 * | caller | reads | changes |
 * | --- | --- | --- |
 * | the region's own users | yes | (not called here: the role matrix and the flows do) |
 * | its province | yes, as the region's own users see it | 403 |
 * | the national auditor scope | yes, as the region's own users see it | 403 |
 * | the other region, and the other province | 404, exactly as for an id that exists nowhere; lists leave it out | 404 |
 *
 * Afterwards each region's records are as they were: nobody else changed them.
 */

interface Tenant extends SampleIds {
  readonly tag: string;
  readonly region: string;
  readonly province: string;
}

const RUN = Date.now().toString(36);
const ALL_ROLES = [...ROLES];

async function runFlow(tag: string, region: string, serial: number): Promise<Tenant> {
  const admin = await tokenWithRoles(`admin-${tag}`, ['admin'], region);
  const finance = await tokenWithRoles(`finance-${tag}`, ['finance'], region);
  const regulation = { ...tangselRegulation(`perwal-tenant-${tag}-${RUN}`), jurisdiction: region };
  expect((await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation })).status).toBe(200);

  const niks = [1, 2, 3, 4].map((i) => tangselNik(`1980-0${i}-1${i}`, 'L', serial + i).replace(/^3674/, region));
  const imported = await importRoster(regulation.id, rosterCsv(niks.map((nik, i) => personRow(nik, `Ketua RT ${tag} ${i}`, `1980-0${i + 1}-1${i + 1}`, 'L', 'KETUA_RT'))), { region });
  expect(imported).toMatchObject({ status: 'completed', accepted: 4 });
  const imports = await api('GET', `/regulations/${regulation.id}/imports`, { token: admin });

  const proposal = await propose(admin, { regulationId: regulation.id, year: 2027, cohort: 'original' });
  expect((await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve' } })).status).toBe(200);
  expect((await waitForProposal(admin, proposal.proposalId, ['allocating'])).status).toBe('approved');
  const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: proposal.proposalId } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect((await waitForRun(admin, started.body.runId)).counts).toMatchObject({ enrolled: 4 });

  const death = await api('POST', '/life-events', { token: admin, body: { nik: niks[3], kind: 'death', effectiveDate: '2026-12-01' } });
  expect(death.status, JSON.stringify(death.body)).toBe(201);
  const bill = await api('POST', `/regulations/${regulation.id}/bills`, {
    token: finance,
    body: { header: { kodeIuran: `${serial}`.padStart(11, '7'), month: '2027-01', controlCount: 3, controlTotal: 3 * 16_800 }, fileName: `tagihan-${tag}.csv`, fileDigest: tag.padEnd(64, 'a').slice(0, 64).replace(/[^a-f0-9]/g, 'a') },
  });
  expect(bill.status, JSON.stringify(bill.body)).toBe(201);
  return {
    tag,
    region,
    province: region.slice(0, 2),
    regulation,
    importId: imports.body.imports[0].importId,
    proposalId: proposal.proposalId,
    runId: started.body.runId,
    billId: bill.body.billId,
    // The person whose death was recorded: their life events are the region's.
    nik: niks[3]!,
  };
}

/** What the region's own users read of its records: the same after the matrix, or someone changed it. */
async function snapshot(tenant: Tenant, token: string): Promise<unknown> {
  const read = async (path: string) => (await api('GET', path, { token })).body;
  const { events } = await read(`/regulations/${tenant.regulation.id}/audit-chain`);
  return {
    regulation: (await read(`/regulations/${tenant.regulation.id}`)).version,
    proposal: (await read(`/proposals/${tenant.proposalId}`)).status,
    run: (await read(`/enrollment-runs/${tenant.runId}`)).counts,
    import: (await read(`/imports/${tenant.importId}`)).status,
    bill: (await read(`/bills/${tenant.billId}`)).status,
    lifeEvents: (await read(`/life-events?nik=${tenant.nik}`)).events.length,
    auditChain: events,
  };
}

/** A 404 as another region sees it, without what differs per request. */
function sameAnswer(body: unknown, id: string, substitute: string): unknown {
  const { requestId: _r, instance: _i, ...rest } = body as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replaceAll(id, substitute));
}

/** The id a route's scope names in its request, and a made-up one of the same shape that exists nowhere. */
function scopedId(route: RouteSpec, tenant: Tenant): [string, keyof SampleIds] | undefined {
  switch (route.scope.kind) {
    case 'regulation':
      return [tenant.regulation.id, 'regulation'];
    case 'proposal':
      return [tenant.proposalId, 'proposalId'];
    case 'run':
      return [tenant.runId, 'runId'];
    case 'import':
      return [tenant.importId, 'importId'];
    case 'bill':
      return [tenant.billId, 'billId'];
    default:
      return undefined;
  }
}

function nowhere(tenant: Tenant): SampleIds {
  return {
    regulation: { ...tenant.regulation, id: `perwal-nowhere-${RUN}` },
    importId: 'imp-nowhere-0001',
    proposalId: 'bp-nowhere-0001',
    runId: 'run-nowhere-0001',
    billId: 'bill-nowhere-0001',
    nik: tenant.nik,
  };
}

let tangsel: Tenant;
let bekasi: Tenant;
const users: Record<string, string> = {};

beforeAll(async () => {
  [tangsel, bekasi] = await Promise.all([runFlow('tangsel', '3674', 9400), runFlow('bekasi', '3216', 9400)]);
  for (const region of ['3674', '36', '3216', '32', NATIONAL_REGION]) users[region] = await tokenWithRoles(`all-${region}`, ALL_ROLES, region);
}, 300_000);

describe.each(['tangsel', 'bekasi'] as const)('region × route matrix: the records of %s', (which) => {
  const tenant = () => (which === 'tangsel' ? tangsel : bekasi);
  const other = () => (which === 'tangsel' ? bekasi : tangsel);

  it.each((Object.entries(routes) as [RouteName, RouteSpec][]).filter(([, route]) => route.scope.kind !== 'none'))('%s', async (name, route) => {
    const own = tenant();
    const { path, body } = sampleRequest(name, route, own);
    const call = (region: string, request: SampleRequest = { path, body }) =>
      api(route.method, request.path, { token: users[region]!, ...(request.body !== undefined ? { body: request.body } : {}) });
    const label = (who: string, response: { status: number; body: unknown }) => `${route.method} ${path} as ${who}: ${response.status} ${JSON.stringify(response.body)}`;
    const before = await snapshot(own, users[own.region]!);

    // Reads: the province and the national auditor see what the region's own users see.
    if (route.method === 'GET') {
      const mine = await call(own.region);
      expect([401, 403], label('its own region', mine)).not.toContain(mine.status);
      for (const reader of [own.province, NATIONAL_REGION]) {
        const seen = await call(reader);
        expect(seen.status, label(reader, seen)).toBe(mine.status);
      }
    } else {
      for (const reader of [own.province, NATIONAL_REGION]) {
        const refused = await call(reader);
        expect(refused.status, label(reader, refused)).toBe(403);
      }
    }

    // The other region and the other province: nothing of this region exists for them.
    for (const stranger of [other().region, other().province]) {
      const answer = await call(stranger);
      if (route.scope.kind === 'listing') {
        expect(answer.status, label(stranger, answer)).toBe(200);
        const text = JSON.stringify(answer.body);
        for (const id of [own.regulation.id, own.proposalId, own.runId, own.importId, own.billId, own.nik]) expect(text, label(stranger, answer)).not.toContain(id);
        continue;
      }
      // Applying a regulation of another region is refused before anything is looked up: the same 403 whether it exists or not.
      const refusal = route.scope.kind === 'regulation' && route.scope.createdFrom ? 403 : 404;
      expect(answer.status, label(stranger, answer)).toBe(refusal);
      expect(JSON.stringify(answer.body)).not.toContain(own.nik);
      const scoped = scopedId(route, own);
      if (!scoped) continue;
      // Its words are those for an id that exists nowhere: the 404 tells nothing.
      const made = nowhere(own);
      const madeUp = made[scoped[1]];
      const madeUpId = typeof madeUp === 'string' ? madeUp : made.regulation.id;
      const absent = await call(stranger, sampleRequest(name, route, made));
      expect(absent.status).toBe(refusal);
      expect(sameAnswer(answer.body, scoped[0], '<id>'), label(stranger, answer)).toEqual(sameAnswer(absent.body, madeUpId, '<id>'));
    }
    expect(await snapshot(own, users[own.region]!)).toEqual(before);
  });
});

describe('regions', () => {
  it('list only the regulations each region reaches: its own, a province its regencies too, the national scope all', async () => {
    const listed = async (region: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api('GET', `/regulations?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: users[region]! });
        expect(page.status).toBe(200);
        ids.push(...page.body.regulations.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const [own, province, otherProvince, national] = await Promise.all([listed('3674'), listed('36'), listed('32'), listed(NATIONAL_REGION)]);
    expect(own).toContain(tangsel.regulation.id);
    expect(own).not.toContain(bekasi.regulation.id);
    expect(province).toContain(tangsel.regulation.id);
    expect(province).not.toContain(bekasi.regulation.id);
    expect(otherProvince).toContain(bekasi.regulation.id);
    expect(otherProvince).not.toContain(tangsel.regulation.id);
    expect(national).toEqual(expect.arrayContaining([tangsel.regulation.id, bekasi.regulation.id]));
  });

  it("refuse a regulation for another region (403), also one that would move an existing regulation there", async () => {
    const elsewhere = { ...tangselRegulation(`perwal-elsewhere-${RUN}`), jurisdiction: '3216' };
    const refused = await api('PUT', `/regulations/${elsewhere.id}`, { token: users['3674']!, body: elsewhere });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('3674 Kota Tangerang Selatan only, not of 3216 Kabupaten Bekasi');
    expect((await api('GET', `/regulations/${elsewhere.id}`, { token: users['3216']! })).status).toBe(404);

    const current = await api('GET', `/regulations/${tangsel.regulation.id}`, { token: users['3674']! });
    const moved = await api('PUT', `/regulations/${tangsel.regulation.id}`, {
      token: users['3674']!,
      headers: { 'if-match': current.headers.get('etag')! },
      body: { ...tangsel.regulation, jurisdiction: '3671' },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.message).toContain('not of 3671 Kota Tangerang');
    expect((await api('GET', `/regulations/${tangsel.regulation.id}`, { token: users['3674']! })).body.jurisdiction).toBe('3674');
  });

  it("search a regulation's whole trail along its chain, its runs' and bills' events too, for its region only", async () => {
    const trail = await api('GET', `/audit-events?regulationId=${tangsel.regulation.id}&limit=100`, { token: users['36']! });
    expect(trail.status).toBe(200);
    const types = new Set(trail.body.events.map((event: { entityType: string }) => event.entityType));
    expect([...types].sort()).toEqual(['bill', 'enrollment-run', 'regulation']);
    expect(trail.body.events.map((event: { seq: number }) => event.seq)).toEqual(trail.body.events.map((_: unknown, i: number) => i + 1));
    const byAdmin = await api('GET', `/audit-events?regulationId=${tangsel.regulation.id}&actor=admin-tangsel`, { token: users['3674']! });
    expect(byAdmin.body.events.length).toBeGreaterThan(0);
    expect(byAdmin.body.events.every((event: { actor: string }) => event.actor === 'admin-tangsel')).toBe(true);
    expect((await api('GET', `/audit-events?regulationId=${tangsel.regulation.id}`, { token: users['3216']! })).status).toBe(404);
  });

  it('answer 403 to a user of no region, saying whom to ask', async () => {
    const dataDir = inject('dataDir');
    const regionless = await signLocalToken(dataDir, { ...readLocalAuthConfig(dataDir)!, username: 'tanpa-wilayah', roles: ['auditor'], region: '' });
    const answer = await api('GET', `/regulations/${tangsel.regulation.id}`, { token: regionless });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain('belongs to no region');
    expect((await api('GET', '/me', { token: regionless })).status).toBe(200);
  });
});
