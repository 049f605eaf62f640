import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_RESOURCE_SUPPORT } from '../../infra/local/local-stack';
import { type CloudFormationTemplate, synthesizeTemplate } from '../../infra/synthesize';
import { api, tokenFor } from '../support/api';
import { tangselRegulation } from '../support/tangsel';

/**
 * The template and the local stack must not drift apart. Every resource type must be one the
 * local stack runs (or knows to be inert), every route and table must be exercised here through
 * the local stack, and every state machine must have a scenario. Adding a route, a table or a
 * workflow to the CDK app without teaching the local stack and this test makes it fail.
 */

const regulation = tangselRegulation('perwal-no-drift');

interface Scenario {
  role: 'admin' | 'finance' | 'auditor' | 'public';
  /** Another user of the role than the default one (separation of duties). */
  username?: string;
  path: (state: ScenarioState) => string;
  body?: unknown | ((state: ScenarioState) => unknown);
  /** Keeps what later steps need, and waits for work the step started. */
  after?: (body: any, state: ScenarioState) => Promise<void> | void;
}
interface ScenarioState {
  importId?: string;
  proposalId?: string;
  runId?: string;
  renewalProposalId?: string;
  billId?: string;
  secondBillId?: string;
}

/** Polls a resource until `done` says so (workflows run in the background). */
async function waitUntil(path: string, done: (body: any) => boolean): Promise<void> {
  const token = await tokenFor('auditor');
  for (let i = 0; i < 200; i++) {
    const response = await api('GET', path, { token });
    if (done(response.body)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} did not get there in 20 s`);
}

/** A request per route that must succeed, in order (earlier steps create what later ones read). */
const ROUTE_SCENARIOS: Record<string, Scenario> = {
  'PUT /regulations/{id}': { role: 'admin', path: () => `/regulations/${regulation.id}`, body: regulation },
  'GET /openapi.json': { role: 'public', path: () => '/openapi.json' },
  'GET /me': { role: 'auditor', path: () => '/me' },
  'GET /regulations': { role: 'finance', path: () => '/regulations' },
  'GET /regulations/{id}': { role: 'finance', path: () => `/regulations/${regulation.id}` },
  'GET /regulations/{id}/versions': { role: 'auditor', path: () => `/regulations/${regulation.id}/versions` },
  'GET /regulations/{id}/versions/{version}': { role: 'auditor', path: () => `/regulations/${regulation.id}/versions/1` },
  'GET /regulations/{id}/premiums': { role: 'finance', path: () => `/regulations/${regulation.id}/premiums?month=2027-01` },
  'GET /audit-events': { role: 'auditor', path: () => `/audit-events?entity=regulation:${regulation.id}` },
  'POST /regulations/{id}/imports': {
    role: 'admin',
    path: () => `/regulations/${regulation.id}/imports`,
    body: { fileName: 'no-drift.csv', coverageStart: '2027-01-01', clientToken: 'no-drift-token-0001' },
    after: (body, state) => {
      state.importId = body.importId;
    },
  },
  'PUT /imports/{importId}/chunks/{seq}': {
    role: 'admin',
    path: (state) => `/imports/${state.importId}/chunks/0`,
    body: {
      rows: [
        { row: 2, values: { nik: '3674011001900001', name: 'Budi Santoso', segment: 'KETUA_RT' } },
        { row: 3, values: { nik: '3674015002900002', name: 'Siti Rahayu', segment: 'KETUA_RT' } },
      ],
    },
  },
  'POST /imports/{importId}/complete': {
    role: 'admin',
    path: (state) => `/imports/${state.importId}/complete`,
    body: { chunks: 1, rows: 2 },
  },
  'GET /imports/{importId}': {
    role: 'auditor',
    path: (state) => `/imports/${state.importId}`,
    // The import workflow runs in the background; wait for it so the state machine is exercised.
    after: (_body, state) => waitUntil(`/imports/${state.importId}`, (status) => status.status === 'completed'),
  },
  'GET /imports/{importId}/rejections': { role: 'admin', path: (state) => `/imports/${state.importId}/rejections` },
  'GET /regulations/{id}/imports': { role: 'finance', path: () => `/regulations/${regulation.id}/imports` },
  'GET /regulations/{id}/roster': { role: 'finance', path: () => `/regulations/${regulation.id}/roster?year=2027` },
  'PUT /regulations/{id}/scenarios/{scenarioId}': {
    role: 'finance',
    path: () => `/regulations/${regulation.id}/scenarios/pagu-satu-orang`,
    body: () => ({ id: 'pagu-satu-orang', name: 'Pagu untuk satu orang', regulationId: regulation.id, year: 2027, ceiling: 16_800 * 12 }),
  },
  'GET /regulations/{id}/scenarios': { role: 'auditor', path: () => `/regulations/${regulation.id}/scenarios` },
  'GET /regulations/{id}/scenarios/{scenarioId}': { role: 'admin', path: () => `/regulations/${regulation.id}/scenarios/pagu-satu-orang` },
  'GET /regulations/{id}/scenarios/{scenarioId}/simulation': { role: 'finance', path: () => `/regulations/${regulation.id}/scenarios/pagu-satu-orang/simulation` },
  'GET /regulations/{id}/scenarios/{scenarioId}/amendment': { role: 'admin', path: () => `/regulations/${regulation.id}/scenarios/pagu-satu-orang/amendment` },
  'GET /regulations/{id}/scenarios/{scenarioId}/people': { role: 'finance', path: () => `/regulations/${regulation.id}/scenarios/pagu-satu-orang/people?segment=KETUA_RT&bucket=0` },
  'POST /regulations/{id}/scenarios/{scenarioId}/proposal': {
    role: 'finance',
    path: () => `/regulations/${regulation.id}/scenarios/pagu-satu-orang/proposal`,
    body: { version: 1, clientToken: 'no-drift-scenario-0001' },
    after: (body) => waitUntil(`/proposals/${body.proposalId}`, (proposal) => proposal.status === 'pending-decision'),
  },
  'POST /proposals': {
    role: 'admin',
    path: () => '/proposals',
    body: { regulationId: regulation.id, year: 2027, cohort: 'original', clientToken: 'no-drift-proposal-0001' },
    after: async (body, state) => {
      state.proposalId = body.proposalId;
      await waitUntil(`/proposals/${body.proposalId}`, (proposal) => proposal.status === 'pending-decision');
    },
  },
  'GET /proposals': { role: 'finance', path: () => '/proposals?status=pending-decision' },
  'GET /proposals/{proposalId}': { role: 'auditor', path: (state) => `/proposals/${state.proposalId}` },
  'POST /proposals/{proposalId}/decision': {
    role: 'finance',
    path: (state) => `/proposals/${state.proposalId}/decision`,
    // Funds one of the two people: the ceiling-allocation workflow finds which.
    body: { decision: 'approve-with-ceiling', ceiling: 16_800 * 12 },
    after: (_body, state) => waitUntil(`/proposals/${state.proposalId}`, (proposal) => proposal.status === 'approved'),
  },
  'POST /proposals/{proposalId}/withdrawal': {
    role: 'finance',
    username: 'finance-second',
    path: (state) => `/proposals/${state.proposalId}/withdrawal`,
    body: { reason: 'Pagu belum final' },
    // Decided again, so that the run below has an approved proposal (and the allocation runs again).
    after: async (_body, state) => {
      const decided = await api('POST', `/proposals/${state.proposalId}/decision`, { token: await tokenFor('finance'), body: { decision: 'approve-with-ceiling', ceiling: 16_800 * 12 } });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      await waitUntil(`/proposals/${state.proposalId}`, (proposal) => proposal.status === 'approved');
    },
  },
  'GET /proposals/{proposalId}/people': { role: 'admin', path: (state) => `/proposals/${state.proposalId}/people?segment=KETUA_RT&bucket=0` },
  // A branch's answer is stored whatever the regulation's channel; this one's run uses the partner API and never reads it.
  'PUT /proposals/{proposalId}/member-file/chunks/{seq}': {
    role: 'admin',
    path: (state) => `/proposals/${state.proposalId}/member-file/chunks/0`,
    body: { rows: [{ row: 2, nik: '3674015002900002', status: 'refused', reason: 'Uji no-drift' }] },
  },
  'POST /enrollment-runs': {
    role: 'admin',
    path: () => '/enrollment-runs',
    body: (state: ScenarioState) => ({ proposalId: state.proposalId }),
    after: async (body, state) => {
      state.runId = body.runId;
      await waitUntil(`/enrollment-runs/${body.runId}`, (run) => run.status !== 'running');
    },
  },
  'GET /enrollment-runs': { role: 'finance', path: () => '/enrollment-runs' },
  'GET /enrollment-runs/{runId}': { role: 'auditor', path: (state) => `/enrollment-runs/${state.runId}` },
  'GET /enrollment-runs/{runId}/people': { role: 'auditor', path: (state) => `/enrollment-runs/${state.runId}/people?status=enrolled&bucket=0` },
  'POST /enrollment-runs/{runId}/retry-failed': {
    role: 'admin',
    path: (state) => `/enrollment-runs/${state.runId}/retry-failed`,
    // The run completed without failures: a retry is answered with the run as it is.
    body: { attempt: 1 },
  },
  'GET /coverage': { role: 'auditor', path: () => `/coverage?regulationId=${regulation.id}&year=2027` },
  'POST /life-events': {
    role: 'admin',
    path: () => '/life-events',
    body: { nik: '3674015002900002', kind: 'removal', effectiveDate: '2027-03-01', note: 'No longer Ketua RT' },
  },
  'GET /life-events': { role: 'auditor', path: () => '/life-events?nik=3674015002900002' },
  'GET /regulations/{id}/audit-chain': {
    role: 'auditor',
    path: () => `/regulations/${regulation.id}/audit-chain`,
    after: (body) => {
      expect(body.broken).toBeUndefined();
      expect(body.events).toBeGreaterThan(0);
    },
  },
  'GET /regulations/{id}/bills': { role: 'auditor', path: () => `/regulations/${regulation.id}/bills?year=2027` },
  // An insurer's bill of two people the ledger does not cover: reconciled, one line disputed, accepted, the other paid.
  'POST /regulations/{id}/bills': {
    role: 'finance',
    path: () => `/regulations/${regulation.id}/bills`,
    body: { header: { kodeIuran: '12345678901', month: '2027-01', controlCount: 2, controlTotal: 33_600 }, fileName: 'tagihan-januari.csv', fileDigest: 'a'.repeat(64) },
    after: async (body, state) => {
      state.billId = body.billId;
      const second = await api('POST', `/regulations/${regulation.id}/bills`, {
        token: await tokenFor('finance'),
        body: { header: { kodeIuran: '12345678902', month: '2027-02', controlCount: 0, controlTotal: 0 }, fileName: 'tagihan-februari.csv', fileDigest: 'b'.repeat(64) },
      });
      state.secondBillId = second.body.billId;
    },
  },
  'PUT /bills/{billId}/chunks/{seq}': {
    role: 'finance',
    path: (state) => `/bills/${state.billId}/chunks/0`,
    body: {
      lines: [
        { line: 1, kpj: '19000000001', nik: '3674015002909901', name: 'Bukan Peserta Satu', segment: 'KETUA_RT', month: '2027-01', amount: 16_800 },
        { line: 2, kpj: '19000000002', nik: '3674015002909902', name: 'Bukan Peserta Dua', segment: 'KETUA_RT', month: '2027-01', amount: 16_800 },
      ],
    },
  },
  'POST /bills/{billId}/complete': {
    role: 'finance',
    path: (state) => `/bills/${state.billId}/complete`,
    body: { chunks: 1, lines: 2 },
    after: (_body, state) => waitUntil(`/bills/${state.billId}`, (bill) => bill.status === 'reconciled'),
  },
  'GET /bills/{billId}': { role: 'auditor', path: (state) => `/bills/${state.billId}` },
  'GET /bills/{billId}/discrepancies': { role: 'finance', path: (state) => `/bills/${state.billId}/discrepancies?kind=not-enrolled` },
  'POST /bills/{billId}/disputes': { role: 'finance', path: (state) => `/bills/${state.billId}/disputes`, body: { nik: '3674015002909901', note: 'Tidak terdaftar di wadah kami' } },
  'POST /bills/{billId}/acceptance': { role: 'finance', path: (state) => `/bills/${state.billId}/acceptance`, body: { note: 'Satu baris disanggah' } },
  'POST /bills/{billId}/withdrawal': { role: 'finance', path: (state) => `/bills/${state.secondBillId}/withdrawal`, body: { reason: 'Tagihan koreksi akan dikirim' } },
  // Whoever accepted a bill does not record its payment: another finance officer does.
  'POST /bills/{billId}/payments': {
    role: 'finance',
    username: 'bendahara',
    path: (state) => `/bills/${state.billId}/payments`,
    body: { sp2dNumber: '0001/SP2D/LS/2027', sp2dDate: '2027-01-14', amount: 16_800, kodeIuran: '12345678901' },
  },
  'GET /regulations/{id}/arrears': { role: 'auditor', path: () => `/regulations/${regulation.id}/arrears?year=2027` },
  'POST /regulations/{id}/renewals': {
    role: 'admin',
    path: () => `/regulations/${regulation.id}/renewals`,
    body: { year: 2028 },
    after: async (_body, state) => {
      await waitUntil(`/regulations/${regulation.id}/renewals/2028`, (renewal) => renewal.status === 'proposed');
      state.renewalProposalId = (await api('GET', `/regulations/${regulation.id}/renewals/2028`, { token: await tokenFor('auditor') })).body.proposalId;
      await waitUntil(`/proposals/${state.renewalProposalId}`, (proposal) => proposal.status === 'pending-decision');
    },
  },
  // The renewal's budget was requested by the system: the one proposal a finance officer reviews.
  'POST /proposals/{proposalId}/review': { role: 'finance', path: (state) => `/proposals/${state.renewalProposalId}/review`, body: { notes: 'Selisih sesuai' } },
  'GET /regulations/{id}/renewals': { role: 'finance', path: () => `/regulations/${regulation.id}/renewals` },
  'GET /regulations/{id}/renewals/{year}': { role: 'auditor', path: () => `/regulations/${regulation.id}/renewals/2028` },
  'GET /regulations/{id}/renewals/{year}/people': { role: 'finance', path: () => `/regulations/${regulation.id}/renewals/2028/people?kind=leavers&bucket=0` },
  'GET /regulations/{id}/continuity': {
    role: 'auditor',
    path: () => `/regulations/${regulation.id}/continuity?year=2028&bucket=0`,
    // Every schedule of the template runs once through the local scheduler, so its target state machine does too.
    after: async () => {
      const admin = await tokenFor('admin');
      const sfn = new SFNClient({ endpoint: inject('stepFunctionsEndpoint'), region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      for (const [logicalId] of ofType('AWS::Scheduler::Schedule')) {
        const fired = await api('POST', `/_local/schedules/${logicalId}/run`, { token: admin });
        expect(fired.status, JSON.stringify(fired.body)).toBe(200);
        let status = 'RUNNING';
        for (let i = 0; i < 200 && status === 'RUNNING'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          status = (await sfn.send(new DescribeExecutionCommand({ executionArn: fired.body.executionArn }))).status!;
        }
        expect(status, `${logicalId}'s target`).toBe('SUCCEEDED');
      }
    },
  },
};

let template: CloudFormationTemplate;
const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  template = synthesizeTemplate({ bundle: false });
});

describe('no drift between the template and the local stack', () => {
  it('knows every resource type of the template', () => {
    const unknown = [...new Set(Object.values(template.Resources).map((r) => r.Type))].filter((t) => !(t in LOCAL_RESOURCE_SUPPORT));
    expect(unknown).toEqual([]);
  });

  it('exercises every route of the template through the local API', async () => {
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => String(r.Properties?.RouteKey));
    expect(routeKeys.filter((key) => !(key in ROUTE_SCENARIOS))).toEqual([]);
    for (const key of Object.keys(ROUTE_SCENARIOS)) expect(routeKeys, `scenario for a route that no longer exists: ${key}`).toContain(key);

    const state: ScenarioState = {};
    for (const [key, scenario] of Object.entries(ROUTE_SCENARIOS)) {
      const token = scenario.role === 'public' ? undefined : await tokenFor(scenario.role, scenario.username);
      const method = key.split(' ')[0]!;
      const response = await api(method, scenario.path(state), { ...(token ? { token } : {}), ...(scenario.body ? { body: typeof scenario.body === 'function' ? scenario.body(state) : scenario.body } : {}) });
      expect([200, 201, 202], `${key}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
      await scenario.after?.(response.body, state);
    }

    // Every state machine of the template has now run to success at least once.
    const sfn = new SFNClient({
      endpoint: inject('stepFunctionsEndpoint'),
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    const machines = ofType('AWS::StepFunctions::StateMachine').map(([logicalId]) => logicalId);
    expect(stateMachines.map((m) => m.name).sort()).toEqual(machines.sort());
    for (const machine of stateMachines) {
      const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, statusFilter: 'SUCCEEDED' }));
      expect(executions.length, `${machine.name} has no successful execution in this suite`).toBeGreaterThan(0);
    }
  });

  it('creates every table of the template in DynamoDB Local with its keys, indexes and TTL', async () => {
    const client = new DynamoDBClient({
      endpoint: inject('dynamoDbEndpoint'),
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables.length).toBeGreaterThan(0);
    for (const [logicalId, resource] of tables) {
      const properties = resource.Properties as {
        KeySchema: unknown;
        GlobalSecondaryIndexes?: { IndexName: string; KeySchema: unknown }[];
        TimeToLiveSpecification?: { AttributeName: string };
      };
      const { Table } = await client.send(new DescribeTableCommand({ TableName: logicalId }));
      expect(Table?.KeySchema).toEqual(properties.KeySchema);
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.KeySchema]).sort()).toEqual(
        (properties.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.KeySchema]).sort(),
      );
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: logicalId }));
      expect(ttl.TimeToLiveDescription?.AttributeName).toBe(properties.TimeToLiveSpecification?.AttributeName);
    }
  });
});
