import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import type { AuditEvent } from '../../api/schemas';
import { ConflictError } from '../../core/errors';
import type { Regulation } from '../../core/regulation/regulation';
import type { RegulationStore, RegulationVersionInfo } from '../../core/regulation/regulation-store';
import { documentClient, tableName } from './document-client';
import { zeroPadded } from './key-numbers';
import { GSI1_KEY, mapPage, queryPage } from './query-page';
import { transactWithAudit } from './transact-with-audit';

/**
 * Main table keys for regulations (docs/data-model.md):
 * - `pk = REG#<id>`, `sk = V#<000001>`: each version, immutable;
 * - `pk = REG#<id>`, `sk = CURRENT`: a copy of the latest version, guarded by its version number;
 * - index gsi1 `gsi1pk = REGULATION`, `gsi1sk = <id>` on CURRENT items: the list of regulations.
 */
export class DynamoDbRegulationStore implements RegulationStore {
  async current(id: string): Promise<Regulation | undefined> {
    return this.get(id, 'CURRENT');
  }

  async version(id: string, version: number): Promise<Regulation | undefined> {
    return this.get(id, versionKey(version));
  }

  async versions(id: string): Promise<RegulationVersionInfo[]> {
    const versions: RegulationVersionInfo[] = [];
    const query = {
      TableName: tableName('MAIN_TABLE'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': partition(id), ':v': 'V#' },
      ProjectionExpression: 'version, recordedAt, recordedBy',
    };
    for await (const page of paginateQuery({ client: documentClient }, query)) versions.push(...((page.Items ?? []) as RegulationVersionInfo[]));
    return versions;
  }

  async list(): Promise<Regulation[]> {
    const regulations: Regulation[] = [];
    for await (const page of paginateQuery({ client: documentClient }, currentVersions())) regulations.push(...(page.Items ?? []).map(documentOf));
    return regulations;
  }

  /** One page of the regulations, by id. */
  async page(page: PageQuery): Promise<Page<Regulation>> {
    return mapPage(await queryPage(currentVersions(), page, { partition: { attribute: 'gsi1pk', value: REGULATION_LIST }, attributes: GSI1_KEY }), documentOf);
  }

  async record(regulation: Regulation, event: AuditEvent): Promise<void> {
    const previous = regulation.version - 1;
    try {
      await transactWithAudit(
        [
          {
            Put: {
              TableName: tableName('MAIN_TABLE'),
              Item: { pk: partition(regulation.id), sk: versionKey(regulation.version), ...regulation },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName('MAIN_TABLE'),
              Item: {
                pk: partition(regulation.id),
                sk: 'CURRENT',
                gsi1pk: REGULATION_LIST,
                gsi1sk: regulation.id,
                ...regulation,
              },
              ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
              ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
            },
          },
        ],
        event,
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new ConflictError(
          `Regulation ${regulation.id} was changed by someone else while you applied it. Fetch it again and re-apply.`,
        );
      }
      throw error;
    }
  }

  private async get(id: string, sk: string): Promise<Regulation | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName('MAIN_TABLE'), Key: { pk: partition(id), sk } }));
    return Item ? documentOf(Item) : undefined;
  }
}

const partition = (id: string) => `REG#${id}`;
const REGULATION_LIST = 'REGULATION';

function currentVersions(): QueryCommandInput {
  return {
    TableName: tableName('MAIN_TABLE'),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :type',
    ExpressionAttributeValues: { ':type': REGULATION_LIST },
  };
}
const versionKey = (version: number) => `V#${zeroPadded(version, 6)}`;

function documentOf(item: Record<string, unknown>): Regulation {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...regulation } = item;
  return regulation as unknown as Regulation;
}
