import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertJavaAvailable, localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { localAuthConfigOf } from '../../infra/local/authorizer-config';
import { readHttpApi } from '../../infra/local/http-api-definition';
import { LOCAL_RESOURCE_SUPPORT, LocalStack, assertSupportedResources } from '../../infra/local/local-stack';
import { createLocalTables } from '../../infra/local/local-tables';
import { LocalTemplate } from '../../infra/local/template';
import { LocalStackUnsupportedError } from '../../infra/local/unsupported-error';
import { synthesizeTemplate } from '../../infra/synthesize';
import { fixtureTemplate } from './fixtures/fixture-stack';

/** What the local stack refuses, and proof that it refuses nothing Lindung's own template holds. */
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-unsupported-'));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('resources the local stack cannot run', () => {
  it('rejects a template with an unknown resource type, naming the resource, before starting anything', async () => {
    const template = fixtureTemplate({}, (stack) => new Queue(stack, 'Jobs'));
    const starting = LocalStack.start({ template, dataDir, inMemory: true });
    await expect(starting).rejects.toBeInstanceOf(LocalStackUnsupportedError);
    await expect(starting).rejects.toThrow(/resource Jobs[0-9A-F]{8}: its type AWS::SQS::Queue/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('rejects DynamoDB resources other than tables', async () => {
    const template = new LocalTemplate(
      fixtureTemplate({}, (stack) => {
        new CfnGlobalTable(stack, 'Global', {
          attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
          keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
          replicas: [{ region: 'ap-southeast-3' }],
          billingMode: 'PAY_PER_REQUEST',
        });
      }),
    );
    expect(() => assertSupportedResources(template)).toThrow(/resource Global: its type AWS::DynamoDB::GlobalTable/);
    // No DynamoDB Local is needed: the table creator refuses before its first call.
    const client = localDynamoDbClient('http://127.0.0.1:9');
    await expect(createLocalTables(template, client)).rejects.toThrow(/AWS::DynamoDB::GlobalTable/);
    client.destroy();
  });

  it('rejects an integration other than a Lambda proxy', () => {
    const template = fixtureTemplate({}, (stack) => {
      const api = stack.node.findChild('Api') as HttpApi;
      const integration = new HttpUrlIntegration('Url', 'https://example.com');
      api.addRoutes({ path: '/elsewhere', methods: [HttpMethod.GET], integration });
    });
    expect(() => readHttpApi(new LocalTemplate(template))).toThrow(/integration .*HTTP_PROXY.*only Lambda proxy/);
  });
});

describe('Java', () => {
  it('explains how to install Java when there is none', async () => {
    const emptyPath = mkdtempSync(path.join(os.tmpdir(), 'lindung-no-java-'));
    try {
      await expect(assertJavaAvailable({ PATH: emptyPath })).rejects.toThrow(
        'DynamoDB Local needs Java 17 or newer; install it with ' +
          '`sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), then run the command again.',
      );
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });

  it('accepts the Java on this machine', async () => {
    await expect(assertJavaAvailable()).resolves.toBeUndefined();
  });
});

describe("Lindung's own template", () => {
  const lindung = new LocalTemplate(synthesizeTemplate({ bundle: false }));

  it('holds only resource types the local stack knows (no drift)', () => {
    const types = new Set(Object.values(lindung.template.Resources).map((resource) => resource.Type));
    expect([...types].filter((type) => !(type in LOCAL_RESOURCE_SUPPORT))).toEqual([]);
    for (const support of Object.values(LOCAL_RESOURCE_SUPPORT)) expect(support).toMatch(/^(emulated|inert: .+)$/);
  });

  it('has an HTTP API and an authorizer the local API serves', () => {
    const api = readHttpApi(lindung);
    expect(api?.routes.length).toBeGreaterThan(0);
    expect(api?.routes.find((route) => route.routeKey === 'GET /openapi.json')?.auth).toBeUndefined();
    expect(api?.routes.find((route) => route.routeKey === 'GET /me')?.auth?.issuer).toMatch(/^https:\/\/cognito-idp\./);
    expect(localAuthConfigOf(lindung)).toEqual({
      issuer: expect.stringMatching(/^https:\/\/cognito-idp\.ap-southeast-3\.amazonaws\.com\/Users/),
      audience: expect.stringMatching(/^UsersConsole/),
    });
  });
});
