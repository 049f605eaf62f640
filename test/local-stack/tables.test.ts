import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDbLocal, isAlive, localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { LocalStack } from '../../infra/local/local-stack';
import { createLocalTables } from '../../infra/local/local-tables';
import { LocalTemplate } from '../../infra/local/template';
import { fixtureTemplate } from './fixtures/fixture-stack';

/**
 * Tables over a persistent data directory, as `npm start` keeps them in `.lindung/`: one stack
 * at a time, restarted between tests the way a developer restarts `npm start`.
 */
let dataDir: string;
let stack: LocalStack | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-local-tables-'));
  stack = await LocalStack.start({ template: fixtureTemplate(), dataDir, environment: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function restart(): Promise<LocalStack> {
  await stack?.stop();
  stack = undefined;
  stack = await LocalStack.start({ template: fixtureTemplate(), dataDir, environment: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  return stack;
}

async function withClient<T>(use: (client: DynamoDBClient, table: string) => Promise<T>): Promise<T> {
  const client = localDynamoDbClient(stack!.dynamoDbEndpoint);
  try {
    return await use(client, stack!.tableName('Items'));
  } finally {
    client.destroy();
  }
}

async function call(method: string, urlPath: string, body?: string): Promise<{ status: number; body: any }> {
  const token = await stack!.token('ani', ['admin'], '3674');
  const response = await fetch(`${stack!.apiUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, body: await response.json() };
}

describe('tables from the template', () => {
  it('creates each table with its keys, global secondary index and TTL', async () => {
    await withClient(async (client, table) => {
      expect(table).toMatch(/^Items[0-9A-F]{8}$/);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(Table?.GlobalSecondaryIndexes).toHaveLength(1);
      expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
        IndexName: 'byOwner',
        IndexStatus: 'ACTIVE',
        KeySchema: [
          { AttributeName: 'owner', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
      expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    });
    expect(existsSync(path.join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBe(true);
  });

  it('keeps the data over a restart, finding the tables already there', async () => {
    expect((await call('PUT', '/items/kept', 'still here')).status).toBe(200);
    await restart();
    expect(await call('GET', '/items/kept')).toEqual({ status: 200, body: { body: 'still here' } });
    await withClient(async (client, table) => {
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
    });
  });

  // These two run the table creator against the running DynamoDB Local, as a restart with a
  // changed template would, without paying for another java start.
  it('adds a global secondary index the template gained since the data was created', async () => {
    await withClient(async (client, table) => {
      await createLocalTables(new LocalTemplate(fixtureTemplate({ extraIndex: true })), client);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      const indexes = Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]);
      expect(indexes).toEqual(expect.arrayContaining([['byOwner', 'ACTIVE'], ['byStatus', 'ACTIVE']]));
    });
    expect(await call('GET', '/items/kept')).toEqual({ status: 200, body: { body: 'still here' } });
  });

  it('refuses a changed key schema, naming the table and the data directory to delete', async () => {
    await withClient(async (client) => {
      const changed = createLocalTables(new LocalTemplate(fixtureTemplate({ changedSortKey: true })), client);
      await expect(changed).rejects.toThrow(/^Table Items[0-9A-F]{8} in the local data has the key schema /);
      await expect(changed).rejects.toThrow(
        'has the key schema pk (S) HASH, sk (S) RANGE, but the template now says pk (S) HASH, version (N) RANGE',
      );
      await expect(changed).rejects.toThrow('delete the local data directory (.lindung/)');
    });
  });
});

describe('DynamoDB Local processes', () => {
  it('kills a DynamoDB Local left over over the same data directory before starting another', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'lindung-leftover-'));
    const leftOver = await DynamoDbLocal.start({ dataDir: directory });
    const leftOverPid = Number(readFileSync(path.join(directory, 'dynamodb.pid'), 'utf8'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const next = await DynamoDbLocal.start({ dataDir: directory });
    try {
      expect(isAlive(leftOverPid)).toBe(false);
      expect(Number(readFileSync(path.join(directory, 'dynamodb.pid'), 'utf8'))).not.toBe(leftOverPid);
      // A DynamoDB Local that dies under a running stack says so.
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toContain('DynamoDB Local exited unexpectedly');
    } finally {
      stderr.mockRestore();
      await leftOver.stop();
      await next.stop();
      rmSync(directory, { recursive: true, force: true });
    }
    expect(existsSync(path.join(directory, 'dynamodb.pid'))).toBe(false);
  });
});

