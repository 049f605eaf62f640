import { expect } from 'vitest';
import type { RouteSpec } from '../../shared/api/route-spec';
import type { RouteName } from '../../shared/api/routes';
import type { RegulationInput } from '../../shared/core/regulation/regulation';

/** The ids a sample request names: made up (the role matrix) or of real records (the tenant matrix). */
export interface SampleIds {
  regulation: RegulationInput;
  importId: string;
  proposalId: string;
  runId: string;
  billId: string;
  /** A person on the regulation's roster, or a NIK on none. */
  nik: string;
}

export interface SampleRequest {
  path: string;
  body?: unknown;
}

/** One valid value per path parameter name of the catalogue. */
function paramsOf(ids: SampleIds): Record<string, string> {
  return { id: ids.regulation.id, version: '1', year: '2027', importId: ids.importId, seq: '0', proposalId: ids.proposalId, runId: ids.runId, billId: ids.billId, scenarioId: 'tambah-petani' };
}

/** A valid query for each route whose query has required fields. */
function queriesOf(ids: SampleIds): Partial<Record<RouteName, Record<string, string>>> {
  return {
    regulationPremiums: { month: '2027-01' },
    auditEvents: { entity: `regulation:${ids.regulation.id}` },
    rosterSummary: { year: '2027' },
    proposalPeople: { segment: 'KETUA_RT', bucket: '0' },
    scenarioPeople: { segment: 'KETUA_RT', bucket: '0' },
    enrollmentRunPeople: { status: 'enrolled', bucket: '0' },
    renewalPeople: { kind: 'joiners', bucket: '0' },
    continuity: { year: '2027', bucket: '0' },
    lifeEvents: { nik: ids.nik },
    coverage: { regulationId: ids.regulation.id, year: '2027' },
    expectedBills: { year: '2027' },
    arrears: { year: '2027' },
  };
}

/** A body that parses for each route that takes one. */
function bodiesOf(ids: SampleIds): Partial<Record<RouteName, unknown>> {
  return {
    applyRegulation: ids.regulation,
    saveScenario: { id: 'tambah-petani', name: 'Uji matriks peran', regulationId: ids.regulation.id, year: 2027, ceiling: 1_000_000_000 },
    createImport: { fileName: 'roster.csv', coverageStart: '2027-01-01', clientToken: 'route-sample-0001' },
    uploadChunk: { rows: [{ row: 2, values: {} }] },
    completeImport: { chunks: 1, rows: 1 },
    proposeBudget: { regulationId: ids.regulation.id, year: 2027, cohort: 'original', clientToken: 'route-sample-0001' },
    proposeFromScenario: { version: 1, clientToken: 'route-sample-0001' },
    reviewProposal: { notes: 'Uji matriks peran' },
    decideBudget: { decision: 'reject', reason: 'Uji matriks peran' },
    withdrawBudgetDecision: { reason: 'Uji matriks peran' },
    uploadMemberFileChunk: { rows: [{ row: 2, nik: ids.nik, status: 'refused' }] },
    startEnrollmentRun: { proposalId: ids.proposalId },
    retryEnrollmentFailures: { attempt: 1 },
    startRenewal: { year: 2028 },
    recordLifeEvent: { nik: ids.nik, kind: 'removal', effectiveDate: '2027-03-01' },
    openBill: { header: { kodeIuran: '12345678901', month: '2027-01', controlCount: 0, controlTotal: 0 }, fileName: 'tagihan.csv', fileDigest: 'c'.repeat(64) },
    uploadBillChunk: { lines: [{ line: 1, nik: ids.nik, name: 'Uji', segment: 'KETUA_RT', month: '2027-01', amount: 16_800 }] },
    completeBill: { chunks: 1, lines: 1 },
    disputeBillLine: { nik: ids.nik, note: 'Uji matriks peran' },
    acceptBill: { note: 'Uji matriks peran' },
    withdrawBill: { reason: 'Uji matriks peran' },
    recordPayment: { sp2dNumber: '0001/SP2D/2027', sp2dDate: '2027-01-14', amount: 16_800, kodeIuran: '12345678901' },
  };
}

/**
 * The request a matrix sends to a route: sample parameters, query and body naming `ids`, checked
 * against the route's schemas. A new route whose parameters, query or body the samples cannot
 * fill fails here until a sample is added.
 */
export function sampleRequest(name: RouteName, route: RouteSpec, ids: SampleIds): SampleRequest {
  const PARAMS = paramsOf(ids);
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const missing = names.filter((param) => !(param in PARAMS));
  if (missing.length) throw new Error(`${name}: add a sample for the path parameter(s) ${missing.join(', ')} to test/support/route-samples.ts`);
  const params = Object.fromEntries(names.map((param) => [param, PARAMS[param]!]));
  expect(route.params?.safeParse(params).success ?? true, `${name}: the samples must hold valid ${names.join(', ')}`).toBe(true);
  const query = queriesOf(ids)[name] ?? {};
  expect(route.query?.safeParse(query).error?.issues ?? [], `${name}: route-samples.ts needs a query that parses`).toEqual([]);
  const body = bodiesOf(ids)[name];
  if (route.body) expect(route.body.safeParse(body).error?.issues ?? [], `${name}: route-samples.ts needs a body that parses`).toEqual([]);
  const search = new URLSearchParams(query).toString();
  const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => encodeURIComponent(PARAMS[param]!)) + (search ? `?${search}` : '');
  return { path, ...(route.body ? { body } : {}) };
}
