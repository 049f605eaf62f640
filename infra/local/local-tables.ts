import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type ProvisionedThroughput,
  ResourceNotFoundException,
  type StreamSpecification,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

export const TABLE_TYPE = 'AWS::DynamoDB::Table';
const INDEX_ACTIVE_TIMEOUT_MS = 30_000;

/** The `AWS::DynamoDB::Table` properties the local stack acts on; the rest (SSE, PITR, tags) change nothing locally. */
interface TableProperties {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ProvisionedThroughput?: ProvisionedThroughput;
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  StreamSpecification?: { StreamViewType: StreamSpecification['StreamViewType'] };
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

/**
 * Creates every table of the template in DynamoDB Local, named after its logical id (what
 * LocalTemplate resolves a table's `Ref` to). Over a persistent data directory the tables may
 * exist already: indexes the template added since are created; a changed key schema cannot be
 * migrated in place and is an error. Returns the table names.
 */
export async function createLocalTables(template: LocalTemplate, client: DynamoDBClient): Promise<string[]> {
  for (const [logicalId, resource] of Object.entries(template.template.Resources)) {
    if (resource.Type.startsWith('AWS::DynamoDB::') && resource.Type !== TABLE_TYPE) {
      throw new LocalStackUnsupportedError(`resource ${logicalId}`, `its type ${resource.Type}`);
    }
  }
  const names: string[] = [];
  for (const [logicalId] of template.ofType(TABLE_TYPE)) {
    const properties = template.properties(logicalId) as unknown as TableProperties;
    const existing = await describeTable(client, logicalId);
    if (existing) await reconcileTable(client, logicalId, properties, existing);
    else await createTable(client, logicalId, properties);
    await applyTimeToLive(client, logicalId, properties.TimeToLiveSpecification);
    names.push(logicalId);
  }
  return names;
}

async function createTable(client: DynamoDBClient, tableName: string, properties: TableProperties): Promise<void> {
  const provisioned = properties.BillingMode !== 'PAY_PER_REQUEST';
  const input: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: properties.KeySchema,
    AttributeDefinitions: properties.AttributeDefinitions,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned ? { ProvisionedThroughput: throughputOf(properties.ProvisionedThroughput) } : {}),
    ...(properties.GlobalSecondaryIndexes?.length
      ? { GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes.map((index) => globalIndex(index, provisioned)) }
      : {}),
    ...(properties.LocalSecondaryIndexes?.length ? { LocalSecondaryIndexes: properties.LocalSecondaryIndexes } : {}),
    ...(properties.StreamSpecification
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: properties.StreamSpecification.StreamViewType } }
      : {}),
  };
  await client.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 1 }, { TableName: tableName });
}

async function reconcileTable(
  client: DynamoDBClient,
  tableName: string,
  properties: TableProperties,
  existing: TableDescription,
): Promise<void> {
  const wanted = keySignature(properties.KeySchema, properties.AttributeDefinitions);
  const found = keySignature(existing.KeySchema, existing.AttributeDefinitions);
  if (wanted !== found) {
    throw new Error(
      `Table ${tableName} in the local data has the key schema ${found}, but the template now says ${wanted}. ` +
        'DynamoDB cannot change a key schema in place: delete the local data directory (.lindung/) to start afresh, ' +
        'or migrate the data.',
    );
  }
  const existingLocal = new Set(existing.LocalSecondaryIndexes?.map((index) => index.IndexName));
  const missingLocal = properties.LocalSecondaryIndexes?.filter((index) => !existingLocal.has(index.IndexName)) ?? [];
  if (missingLocal.length) {
    throw new Error(
      `Table ${tableName} in the local data lacks the local secondary index ${missingLocal[0]?.IndexName}, which can only ` +
        'be created with the table: delete the local data directory (.lindung/) to start afresh, or migrate the data.',
    );
  }
  const provisioned = properties.BillingMode !== 'PAY_PER_REQUEST';
  const existingGlobal = new Set(existing.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of properties.GlobalSecondaryIndexes ?? []) {
    if (existingGlobal.has(index.IndexName)) continue;
    // DynamoDB creates one global secondary index per UpdateTable call.
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: properties.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: globalIndex(index, provisioned) }],
      }),
    );
    await waitForIndex(client, tableName, index.IndexName ?? '');
  }
}

async function applyTimeToLive(
  client: DynamoDBClient,
  tableName: string,
  specification: TableProperties['TimeToLiveSpecification'],
): Promise<void> {
  if (!specification?.Enabled) return;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const description = current.TimeToLiveDescription;
  const enabled = description?.TimeToLiveStatus === 'ENABLED' || description?.TimeToLiveStatus === 'ENABLING';
  if (enabled && description?.AttributeName === specification.AttributeName) return;
  // DynamoDB rejects enabling TTL when it is already on (under another attribute): switch it off first.
  if (enabled && description?.AttributeName) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: description.AttributeName, Enabled: false },
      }),
    );
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: specification.AttributeName, Enabled: true },
    }),
  );
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitForIndex(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  const deadline = Date.now() + INDEX_ACTIVE_TIMEOUT_MS;
  for (;;) {
    const table = await describeTable(client, tableName);
    const status = table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.IndexStatus;
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`Index ${indexName} of table ${tableName} is still ${status} after 30 s`);
    await sleep(100);
  }
}

function globalIndex(index: GlobalSecondaryIndex, provisioned: boolean): GlobalSecondaryIndex {
  const { ProvisionedThroughput: throughput, ...rest } = index;
  return provisioned ? { ...rest, ProvisionedThroughput: throughputOf(throughput) } : rest;
}

function throughputOf(throughput: ProvisionedThroughput | undefined): ProvisionedThroughput {
  // CloudFormation requires throughput for provisioned tables; the default only guards hand-written templates.
  return {
    ReadCapacityUnits: Number(throughput?.ReadCapacityUnits ?? 5),
    WriteCapacityUnits: Number(throughput?.WriteCapacityUnits ?? 5),
  };
}

/** `pk (S) HASH, sk (S) RANGE`, to compare key schemas and to name them in errors. */
function keySignature(keySchema: KeySchemaElement[] | undefined, attributes: AttributeDefinition[] | undefined): string {
  return (keySchema ?? [])
    .map((key) => {
      const type = attributes?.find((attribute) => attribute.AttributeName === key.AttributeName)?.AttributeType;
      return `${key.AttributeName} (${type ?? '?'}) ${key.KeyType}`;
    })
    .join(', ');
}
