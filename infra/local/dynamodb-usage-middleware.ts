import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_TYPE } from './local-tables';
import type { LocalTemplate } from './template';
import type { UsageMeter } from './usage-meter';

const MIDDLEWARE_NAME = 'lindungLocalUsageMeter';

/** Operations that take ReturnConsumedCapacity, and whether they read or write. */
const OPERATIONS: Readonly<Record<string, 'read' | 'write'>> = {
  GetItemCommand: 'read',
  QueryCommand: 'read',
  ScanCommand: 'read',
  BatchGetItemCommand: 'read',
  TransactGetItemsCommand: 'read',
  PutItemCommand: 'write',
  UpdateItemCommand: 'write',
  DeleteItemCommand: 'write',
  BatchWriteItemCommand: 'write',
  TransactWriteItemsCommand: 'write',
};

/** A table's partition key attribute and those of its global secondary indexes. */
interface PartitionKeys {
  readonly table: string;
  readonly indexes: readonly { readonly name: string; readonly attribute: string }[];
}

type Input = Record<string, unknown>;
type Item = Record<string, unknown>;

/**
 * Meters every request a DynamoDB client sends: it asks DynamoDB for ReturnConsumedCapacity
 * INDEXES and adds what comes back to the meter, per table. DynamoDB Local reports capacity as
 * on-demand billing counts it: writes per 1 KB, strongly consistent reads per 4 KB and
 * eventually consistent ones half, transactions double, and the writes of global secondary
 * indexes included (checked in test/local-stack/usage-meter.test.ts). A write refused by its
 * condition comes back as an error without capacity, so it is counted by rule (docs/cost.md).
 *
 * Handlers share one client per process (shared/adapters/dynamodb/document-client.ts), so one
 * middleware sees them all. Returns the function that removes it.
 */
export function meterDynamoDbClient(client: DynamoDBClient, template: LocalTemplate, meter: UsageMeter): () => void {
  const keys = partitionKeysOf(template);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = OPERATIONS[context.commandName ?? ''];
      if (!operation) return next(args);
      const input = args.input as Input;
      input.ReturnConsumedCapacity ??= 'INDEXES';
      countPartitionWrites(context.commandName!, input, keys, meter);
      try {
        const result = await next(args);
        recordCapacity((result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity, operation, meter);
        return result;
      } catch (error) {
        recordRefusedWrite(context.commandName!, input, error, meter);
        throw error;
      }
    },
    { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
  );
  return () => void client.middlewareStack.remove(MIDDLEWARE_NAME);
}

function recordCapacity(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, operation: 'read' | 'write', meter: UsageMeter): void {
  for (const capacity of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
    if (!capacity.TableName) continue;
    meter.dynamoDbRequest(capacity.TableName);
    const total = capacity.CapacityUnits ?? 0;
    // DynamoDB Local reports only the total; the real service may split it (PartiQL, UpdateItem's old values).
    const read = capacity.ReadCapacityUnits ?? (operation === 'read' ? total : 0);
    const write = capacity.WriteCapacityUnits ?? (operation === 'write' ? total : 0);
    meter.capacityConsumed(capacity.TableName, read, write);
  }
}

/**
 * A refused conditional write still costs: a single write at least one unit, a cancelled
 * transaction two per item it would have written (its prepare phase). Other errors (throttling,
 * validation) consumed nothing that is billed.
 */
function recordRefusedWrite(command: string, input: Input, error: unknown, meter: UsageMeter): void {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'ConditionalCheckFailedException' && typeof input.TableName === 'string') {
    meter.dynamoDbRequest(input.TableName);
    meter.conditionalWriteFailed(input.TableName, 1);
  } else if (name === 'TransactionCanceledException' && command === 'TransactWriteItemsCommand') {
    for (const { table } of transactWrites(input)) {
      meter.dynamoDbRequest(table);
      meter.conditionalWriteFailed(table, 2);
    }
  }
}

/**
 * Notes the partition key of every item written (and, for items put, their index partition
 * keys) so hot partitions show: one write unit per standard write and two per transactional
 * one, whatever the item's size: the keys that get hot are small counters and leases.
 */
function countPartitionWrites(command: string, input: Input, keys: ReadonlyMap<string, PartitionKeys>, meter: UsageMeter): void {
  const note = (table: string, key: Item | undefined, item: Item | undefined, units: number) => {
    const schema = keys.get(table);
    const record = item ?? key;
    if (!schema || !record) return;
    const partition = keyValue(record[schema.table]);
    if (partition !== undefined) meter.partitionWritten(table, partition, units);
    if (!item) return;
    for (const index of schema.indexes) {
      const value = keyValue(item[index.attribute]);
      if (value !== undefined) meter.partitionWritten(table, `${index.name}:${value}`, units);
    }
  };
  switch (command) {
    case 'PutItemCommand':
      note(String(input.TableName), undefined, input.Item as Item, 1);
      break;
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      note(String(input.TableName), input.Key as Item, undefined, 1);
      break;
    case 'BatchWriteItemCommand':
      for (const [table, requests] of Object.entries((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>)) {
        for (const request of requests) note(table, request.DeleteRequest?.Key, request.PutRequest?.Item, 1);
      }
      break;
    case 'TransactWriteItemsCommand':
      for (const { table, key, item } of transactWrites(input)) note(table, key, item, 2);
      break;
  }
}

/** The writes of a TransactWriteItems request (condition checks write nothing). */
function transactWrites(input: Input): { table: string; key?: Item; item?: Item }[] {
  type Action = { TableName: string; Key?: Item; Item?: Item };
  const items = (input.TransactItems ?? []) as { Put?: Action; Update?: Action; Delete?: Action }[];
  return items.flatMap(({ Put, Update, Delete }) => {
    const action = Put ?? Update ?? Delete;
    return action ? [{ table: action.TableName, key: action.Key, item: Put?.Item }] : [];
  });
}

/** A key attribute's value, from a document client's plain value or a low-level AttributeValue. */
function keyValue(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const attribute = value as { S?: string; N?: string };
    return attribute.S ?? attribute.N;
  }
  return undefined;
}

function partitionKeysOf(template: LocalTemplate): Map<string, PartitionKeys> {
  type KeySchema = { AttributeName: string; KeyType: string }[];
  const hashKey = (schema: KeySchema | undefined) => schema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
  const keys = new Map<string, PartitionKeys>();
  for (const [logicalId] of template.ofType(TABLE_TYPE)) {
    const properties = template.properties(logicalId) as { KeySchema?: KeySchema; GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchema }[] };
    const table = hashKey(properties.KeySchema);
    if (!table) continue;
    const indexes = (properties.GlobalSecondaryIndexes ?? []).flatMap((index) => {
      const attribute = hashKey(index.KeySchema);
      return attribute ? [{ name: index.IndexName, attribute }] : [];
    });
    // Local tables are named after their logical id (local-tables.ts).
    keys.set(logicalId, { table, indexes });
  }
  return keys;
}
