import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../shared/api/route-spec';
import { type RouteName, routes } from '../../shared/api/routes';
import { ROLES, type Role } from '../../shared/core/access/roles';
import { api, tokenFor } from '../support/api';
import { tangselRegulation } from '../support/tangsel';

/**
 * Every route of the catalogue × every role, and without a token, through the local API: a role
 * outside the route's `access` gets 403, no token gets 401, and a role inside it gets past both
 * (any other status will do: most ids below exist nowhere). Generated from shared/api/routes.ts,
 * so a new route is in the matrix the moment it is in the catalogue; one whose parameters, query
 * or body the samples below cannot fill fails here until a sample is added.
 */

/** A regulation of this run only: `PUT /regulations/{id}` creates it, the routes under it find it. */
const regulationId = `perwal-role-matrix-${Date.now().toString(36)}`;

/** One valid value per path parameter name of the catalogue. */
const PARAMS: Record<string, string> = {
  id: regulationId,
  version: '1',
  year: '2028',
  importId: 'imp-role-matrix-0001',
  seq: '0',
  proposalId: 'bp-role-matrix-0001',
  runId: 'run-role-matrix-0001',
  billId: 'bill-role-matrix-0001',
};

/** A valid query for each route whose query has required fields. */
const QUERIES: Partial<Record<RouteName, Record<string, string>>> = {
  regulationPremiums: { month: '2027-01' },
  auditEvents: { entity: `regulation:${regulationId}` },
  rosterSummary: { year: '2027' },
  proposalPeople: { segment: 'KETUA_RT', bucket: '0' },
  enrollmentRunPeople: { status: 'enrolled', bucket: '0' },
  renewalPeople: { kind: 'joiners', bucket: '0' },
  continuity: { year: '2028', bucket: '0' },
  lifeEvents: { nik: '9901010101010001' },
  coverage: { regulationId, year: '2027' },
  expectedBills: { year: '2027' },
  arrears: { year: '2027' },
};

/** A body that parses for each route that takes one; what it names does not exist, so it changes nothing. */
const BODIES: Partial<Record<RouteName, unknown>> = {
  applyRegulation: tangselRegulation(regulationId),
  createImport: { fileName: 'roster.csv', coverageStart: '2027-01-01', clientToken: 'role-matrix-0001' },
  uploadChunk: { rows: [{ row: 2, values: {} }] },
  completeImport: { chunks: 1, rows: 1 },
  proposeBudget: { regulationId: 'perwal-role-matrix-none', year: 2027, cohort: 'original', clientToken: 'role-matrix-0001' },
  reviewProposal: { notes: 'Uji matriks peran' },
  decideBudget: { decision: 'reject', reason: 'Uji matriks peran' },
  withdrawBudgetDecision: { reason: 'Uji matriks peran' },
  uploadMemberFileChunk: { rows: [{ row: 2, nik: '9901010101010001', status: 'refused' }] },
  startEnrollmentRun: { proposalId: 'bp-role-matrix-0001' },
  retryEnrollmentFailures: { attempt: 1 },
  startRenewal: { year: 2028 },
  recordLifeEvent: { nik: '9901010101010001', kind: 'removal', effectiveDate: '2027-03-01' },
  // The one body that creates something: a bill for this run's own regulation, which nothing else reads.
  openBill: { header: { kodeIuran: '12345678901', month: '2027-01', controlCount: 0, controlTotal: 0 }, fileName: 'tagihan.csv', fileDigest: 'c'.repeat(64) },
  uploadBillChunk: { lines: [{ line: 1, nik: '9901010101010001', name: 'Uji', segment: 'KETUA_RT', month: '2027-01', amount: 16_800 }] },
  completeBill: { chunks: 1, lines: 1 },
  disputeBillLine: { nik: '9901010101010001', note: 'Uji matriks peran' },
  acceptBill: { note: 'Uji matriks peran' },
  withdrawBill: { reason: 'Uji matriks peran' },
  recordPayment: { sp2dNumber: '0001/SP2D/2027', sp2dDate: '2027-01-14', amount: 16_800, kodeIuran: '12345678901' },
};

/** The request each caller sends to a route: sample parameters, query and body, checked against its schemas. */
function sampleRequest(name: RouteName, route: RouteSpec): { path: string; body?: unknown } {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const missing = names.filter((param) => !(param in PARAMS));
  if (missing.length) throw new Error(`${name}: add a sample for the path parameter(s) ${missing.join(', ')} to PARAMS`);
  const params = Object.fromEntries(names.map((param) => [param, PARAMS[param]!]));
  expect(route.params?.safeParse(params).success ?? true, `${name}: PARAMS must hold valid ${names.join(', ')}`).toBe(true);
  const query = QUERIES[name] ?? {};
  expect(route.query?.safeParse(query).error?.issues ?? [], `${name}: QUERIES needs a query that parses`).toEqual([]);
  const body = BODIES[name];
  if (route.body) expect(route.body.safeParse(body).error?.issues ?? [], `${name}: BODIES needs a body that parses`).toEqual([]);
  const search = new URLSearchParams(query).toString();
  const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => encodeURIComponent(PARAMS[param]!)) + (search ? `?${search}` : '');
  return { path, ...(route.body ? { body } : {}) };
}

const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  for (const role of ROLES) tokens[role] = await tokenFor(role, `${role}-matrix`);
});

describe('role × route matrix', () => {
  it("lets auditors read an import's rejected rows and who a proposal funds, and finance read life events", () => {
    expect(routes.importRejections.access).toEqual(['admin', 'auditor']);
    expect(routes.proposalPeople.access).toEqual(['admin', 'finance', 'auditor']);
    expect(routes.lifeEvents.access).toEqual(['admin', 'finance', 'auditor']);
  });

  it.each(Object.entries(routes) as [RouteName, RouteSpec][])('%s', async (name, route) => {
    const { path, body } = sampleRequest(name, route);
    const call = (token?: string) => api(route.method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });

    // A public route (the OpenAPI document) answers anyone, with a token or without.
    if (route.access === 'public') {
      for (const token of [undefined, ...Object.values(tokens)]) expect([401, 403]).not.toContain((await call(token)).status);
      return;
    }
    expect((await call()).status, `${route.method} ${route.path} without a token`).toBe(401);
    for (const role of ROLES) {
      const response = await call(tokens[role]);
      if (route.access.includes(role)) {
        expect([401, 403], `${route.method} ${route.path} as ${role}: ${response.status} ${JSON.stringify(response.body)}`).not.toContain(response.status);
      } else {
        expect(response.status, `${route.method} ${route.path} as ${role}: ${JSON.stringify(response.body)}`).toBe(403);
      }
    }
  });
});
