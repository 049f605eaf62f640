import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/dynamodb-local';
import { meterDynamoDbClient } from '../../infra/local/dynamodb-usage-middleware';
import { LocalLambdas } from '../../infra/local/local-lambdas';
import { LOCAL_REGION } from '../../infra/local/local-names';
import { LocalStack } from '../../infra/local/local-stack';
import { LocalStepFunctions } from '../../infra/local/local-step-functions';
import { LocalTemplate } from '../../infra/local/template';
import { UsageMeter, usageDelta } from '../../infra/local/usage-meter';
import { synthesize } from '../local-step-functions/sfn-harness';
import { ShardWorkflowStack } from '../local-step-functions/fixtures/shard-workflow-stack';
import { fixtureTemplate } from './fixtures/fixture-stack';

/**
 * The local stack's usage meters against what AWS bills: DynamoDB request units as DynamoDB
 * Local reports them, Step Functions state transitions, Lambda invocations and HTTP API requests.
 */
let dataDir: string;
let stack: LocalStack;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-usage-'));
  stack = await LocalStack.start({ template: fixtureTemplate(), dataDir, inMemory: true, environment: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDB request units', () => {
  async function metered<T>(use: (client: DynamoDBDocumentClient, table: string) => Promise<T>) {
    const meter = new UsageMeter();
    const raw = new DynamoDBClient({ endpoint: stack.dynamoDbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    meterDynamoDbClient(raw, stack.template, meter);
    try {
      await use(DynamoDBDocumentClient.from(raw), stack.tableName('Items'));
      return meter.snapshot().tables[stack.tableName('Items')]!;
    } finally {
      raw.destroy();
    }
  }

  it('counts a write per KB, and the write of each index the item is in', async () => {
    const usage = await metered(async (client, TableName) => {
      await client.send(new PutCommand({ TableName, Item: { pk: 'unit', sk: 'small' } }));
      await client.send(new PutCommand({ TableName, Item: { pk: 'unit', sk: 'indexed', owner: 'ani', createdAt: '2027' } }));
      await client.send(new PutCommand({ TableName, Item: { pk: 'unit', sk: 'big', owner: 'ani', createdAt: '2027', text: 'x'.repeat(2500) } }));
    });
    // 1 + (1 table + 1 index) + (3 table + 3 index) for a 2.5 KB item.
    expect(usage).toMatchObject({ requests: 3, writeRequestUnits: 9, readRequestUnits: 0 });
  });

  it('counts strongly consistent reads per 4 KB and eventually consistent ones as half', async () => {
    const usage = await metered(async (client, TableName) => {
      await client.send(new GetCommand({ TableName, Key: { pk: 'unit', sk: 'big' }, ConsistentRead: true }));
      await client.send(new GetCommand({ TableName, Key: { pk: 'unit', sk: 'big' } }));
      await client.send(new QueryCommand({ TableName, IndexName: 'byOwner', KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': 'ani' } }));
    });
    expect(usage).toMatchObject({ requests: 3, readRequestUnits: 2, writeRequestUnits: 0 });
  });

  it('doubles transactional writes, index writes included', async () => {
    const usage = await metered(async (client, TableName) => {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: 'tx', sk: '1', owner: 'budi', createdAt: '2027' } } },
            { Update: { TableName, Key: { pk: 'unit', sk: 'small' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1 } } },
          ],
        }),
      );
    });
    // Put: 2 (table) + 2 (index); Update of an item in no index: 2.
    expect(usage).toMatchObject({ requests: 1, writeRequestUnits: 6 });
  });

  it('bills a refused conditional write as one write unit, and finds the hot partition', async () => {
    const usage = await metered(async (client, TableName) => {
      for (let i = 0; i < 3; i++) {
        await client.send(new UpdateCommand({ TableName, Key: { pk: 'COUNTER', sk: 'c' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } }));
      }
      await expect(
        client.send(new PutCommand({ TableName, Item: { pk: 'COUNTER', sk: 'c' }, ConditionExpression: 'attribute_not_exists(pk)' })),
      ).rejects.toThrow(expect.objectContaining({ name: 'ConditionalCheckFailedException' }));
      await client.send(new PutCommand({ TableName, Item: { pk: 'PERSON#3674015001900001', sk: 'p' } }));
    });
    expect(usage).toMatchObject({ requests: 5, writeRequestUnits: 5, failedConditionalWrites: 1 });
    expect(usage.hotPartitions[0]).toEqual({ key: 'COUNTER', writeUnits: 4 });
    // A NIK in a partition key never leaves the meter unmasked.
    expect(usage.hotPartitions.map((p) => p.key)).toContain('PERSON#3674********0001');
  });
});

describe('HTTP API requests and Lambda invocations', () => {
  it('counts each request reaching a function, in 512 KB units, and the invocation it made', async () => {
    const before = stack.usage();
    const small = await fetch(`${stack.apiUrl}/public/plain`);
    const large = await fetch(`${stack.apiUrl}/public/plain`, { method: 'POST', body: 'x'.repeat(600 * 1024) });
    expect([small.status, large.status]).toEqual([200, 200]);
    // Not found: API Gateway answers without a function, so it is not a billed integration call here.
    expect((await fetch(`${stack.apiUrl}/nowhere`)).status).toBe(404);
    const delta = usageDelta(before, stack.usage());
    expect(delta.httpApi).toEqual({ requests: 2, meteredRequests: 3 });
    const echo = Object.entries(delta.functions).find(([id]) => id.startsWith('Echo'))![1];
    expect(echo).toMatchObject({ invocations: 2, errors: 0, memoryMb: 512 });
    expect(echo.billedMs).toBeGreaterThanOrEqual(2);
    expect(echo.megabyteMs).toBe(echo.billedMs * 512);
  });
});

describe('Step Functions state transitions', () => {
  async function runShardWorkflow(distributedMap: boolean) {
    const template: LocalTemplate = synthesize((app) => new ShardWorkflowStack(app, distributedMap ? 'MeterDistributed' : 'MeterInline', { distributedMap }));
    const meter = new UsageMeter();
    const lambdas = new LocalLambdas(template, {}, meter);
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-usage-sfn-'));
    const service = await LocalStepFunctions.start({ template, lambdas, dataDir: runDir, usage: meter });
    try {
      const [machine] = service.stateMachines();
      const runId = `meter-${distributedMap}`;
      const input = { runId, regionCode: 'TS', memberCount: 30, shardSize: 10, behaviours: { '1': 'flaky' } };
      const started = await service.handle('AWSStepFunctions.StartExecution', { stateMachineArn: machine!.arn, name: runId, input: JSON.stringify(input) });
      expect(started.status).toBe(200);
      await service.idle();
      return { usage: meter.snapshot(), machine: machine!.logicalId };
    } finally {
      await service.stop();
      rmSync(runDir, { recursive: true, force: true });
    }
  }

  it('counts every state entered, Map iterations included, and every retry', async () => {
    const { usage, machine } = await runShardWorkflow(false);
    // PlanShards, Rejected?, ProcessShards, 3 × ProcessShard, Summarize, Done, and 1 retry.
    expect(usage.stateMachines[machine]).toMatchObject({ executions: 1, transitions: 9, retries: 1 });
    expect(usage.stateMachines[machine]!.maps.ProcessShards).toMatchObject({ iterations: 3, maxConcurrency: 4, distributed: false });
    const shardFunction = Object.entries(usage.functions).find(([id]) => id.startsWith('ProcessShardFn'))![1];
    // The retried attempt is an invocation too, and is billed.
    expect(shardFunction).toMatchObject({ invocations: 4, errors: 1 });
    expect(usage.stateMachines[machine]!.maps.ProcessShards!.functions).toEqual([Object.keys(usage.functions).find((id) => id.startsWith('ProcessShardFn'))]);
  });

  it('adds one transition per child execution of a Distributed Map', async () => {
    const { usage, machine } = await runShardWorkflow(true);
    expect(usage.stateMachines[machine]).toMatchObject({ executions: 1, transitions: 12, retries: 1 });
    expect(usage.stateMachines[machine]!.maps.ProcessShards).toMatchObject({ iterations: 3, distributed: true });
  });
});
