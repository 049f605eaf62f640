import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../core/audit/audit-event';
import { ConflictError } from '../../core/errors';
import type { Scenario } from '../../core/simulation/scenario';
import type { ScenarioStore } from '../../core/simulation/scenario-store';
import { documentClient, tableName } from './document-client';
import { zeroPadded } from './key-numbers';
import { transactWithAudit } from './transact-with-audit';

/**
 * Main table keys for scenarios (docs/data-model.md), all in their regulation's partition
 * `pk = SCENARIOS#<regulationId>`, so a region reads only scenarios of regulations it reaches:
 * - `sk = VERSION#<scenarioId>#<000001>`: each version, immutable;
 * - `sk = CURRENT#<scenarioId>`: a copy of the latest, guarded by its version number.
 */
export class DynamoDbScenarioStore implements ScenarioStore {
  private readonly table = tableName('MAIN_TABLE');

  async get(regulationId: string, scenarioId: string, version?: number): Promise<Scenario | undefined> {
    const sk = version === undefined ? currentKey(scenarioId) : versionKey(scenarioId, version);
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: { pk: partition(regulationId), sk }, ConsistentRead: true }));
    return Item ? documentOf(Item) : undefined;
  }

  async list(regulationId: string): Promise<Scenario[]> {
    const scenarios: Scenario[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :current)',
      ExpressionAttributeValues: { ':pk': partition(regulationId), ':current': 'CURRENT#' },
    };
    for await (const page of paginateQuery({ client: documentClient }, query)) scenarios.push(...(page.Items ?? []).map(documentOf));
    return scenarios;
  }

  async rememberedCut(regulationId: string, key: string): Promise<string | null | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: { pk: partition(regulationId), sk: cutKey(key) } }));
    return Item ? ((Item.lastFundedNik as string | undefined) ?? null) : undefined;
  }

  async rememberCut(regulationId: string, key: string, lastFundedNik: string | null): Promise<void> {
    const expiresAt = Math.floor(Date.now() / 1000) + CUT_DAYS * 86_400;
    await documentClient.send(
      new PutCommand({ TableName: this.table, Item: { pk: partition(regulationId), sk: cutKey(key), ...(lastFundedNik ? { lastFundedNik } : {}), expiresAt } }),
    );
  }

  async save(scenario: Scenario, event: AuditEvent): Promise<void> {
    const previous = scenario.version - 1;
    const pk = partition(scenario.regulationId);
    try {
      await transactWithAudit(
        [
          { Put: { TableName: this.table, Item: { pk, sk: versionKey(scenario.id, scenario.version), ...scenario }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: this.table,
              Item: { pk, sk: currentKey(scenario.id), ...scenario },
              ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
              ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
            },
          },
        ],
        event,
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new ConflictError(`Scenario ${scenario.id} was saved by someone else meanwhile. Fetch it again, merge your changes and save.`);
      }
      throw error;
    }
  }
}

/** How long a remembered cut is kept: a listing is read within minutes; DynamoDB's TTL removes it later. */
const CUT_DAYS = 1;

const partition = (regulationId: string) => `SCENARIOS#${regulationId}`;
const cutKey = (key: string) => `CUT#${key}`;
const currentKey = (scenarioId: string) => `CURRENT#${scenarioId}`;
const versionKey = (scenarioId: string, version: number) => `VERSION#${scenarioId}#${zeroPadded(version, 6)}`;

function documentOf(item: Record<string, unknown>): Scenario {
  const { pk: _pk, sk: _sk, ...scenario } = item;
  return scenario as unknown as Scenario;
}
