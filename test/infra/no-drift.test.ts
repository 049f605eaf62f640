import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

/** A request per route that must succeed, in order (the PUT creates what the GETs read). */
const ROUTE_SCENARIOS: Record<string, { role: 'admin' | 'finance' | 'auditor' | 'public'; path: string; body?: unknown }> = {
  'PUT /regulations/{id}': { role: 'admin', path: `/regulations/${regulation.id}`, body: regulation },
  'GET /openapi.json': { role: 'public', path: '/openapi.json' },
  'GET /me': { role: 'auditor', path: '/me' },
  'GET /regulations': { role: 'finance', path: '/regulations' },
  'GET /regulations/{id}': { role: 'finance', path: `/regulations/${regulation.id}` },
  'GET /regulations/{id}/versions': { role: 'auditor', path: `/regulations/${regulation.id}/versions` },
  'GET /regulations/{id}/versions/{version}': { role: 'auditor', path: `/regulations/${regulation.id}/versions/1` },
  'GET /regulations/{id}/premiums': { role: 'finance', path: `/regulations/${regulation.id}/premiums?month=2027-01` },
  'GET /audit-events': { role: 'auditor', path: `/audit-events?entity=regulation:${regulation.id}` },
};

/** State machine logical-id prefix → an input that must run to SUCCEEDED. None exist yet. */
const STATE_MACHINE_SCENARIOS: Record<string, unknown> = {};

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

    for (const [key, scenario] of Object.entries(ROUTE_SCENARIOS)) {
      const token = scenario.role === 'public' ? undefined : await tokenFor(scenario.role);
      const method = key.split(' ')[0]!;
      const response = await api(method, scenario.path, { ...(token ? { token } : {}), ...(scenario.body ? { body: scenario.body } : {}) });
      expect(response.status, `${key}: ${JSON.stringify(response.body)}`).toBe(200);
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

  it('has a scenario for every state machine of the template', () => {
    const machines = ofType('AWS::StepFunctions::StateMachine').map(([logicalId]) => logicalId);
    const uncovered = machines.filter((id) => !Object.keys(STATE_MACHINE_SCENARIOS).some((prefix) => id.startsWith(prefix)));
    expect(uncovered).toEqual([]);
  });
});
