import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import type { AuditEvent } from '../../api/schemas';
import { reachedProvinces } from '../../core/access/region-reach';
import { ConflictError } from '../../core/errors';
import type { Regulation } from '../../core/regulation/regulation';
import type { RegulationStore, RegulationVersionInfo } from '../../core/regulation/regulation-store';
import { documentClient, tableName } from './document-client';
import { zeroPadded } from './key-numbers';
import { GSI1_KEY, mapPage } from './query-page';
import { type PartitionQuery, queryPartitionsPage } from './query-partitions-page';
import { transactWithAudit } from './transact-with-audit';

/**
 * Main table keys for regulations (docs/data-model.md):
 * - `pk = REG#<id>`, `sk = V#<000001>`: each version, immutable;
 * - `pk = REG#<id>`, `sk = CURRENT`: a copy of the latest version, guarded by its version number;
 * - index gsi1 `gsi1pk = REGULATIONS#<province>`, `gsi1sk = <jurisdiction>#<id>` on CURRENT items:
 *   the regulations of a province and the regencies and cities beneath it, by region then id, so
 *   that a listing reads only the regions its caller reaches (region-reach.ts).
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

  async list(region: string): Promise<Regulation[]> {
    const regulations: Regulation[] = [];
    for (const { query } of reachedLists(region)) {
      for await (const page of paginateQuery({ client: documentClient }, query)) regulations.push(...(page.Items ?? []).map(documentOf));
    }
    return regulations;
  }

  /** One page of the regulations `region` reaches, by region and id. */
  async page(page: PageQuery, region: string): Promise<Page<Regulation>> {
    return mapPage(await queryPartitionsPage(reachedLists(region), page), documentOf);
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
                ...listKeys(regulation),
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
const listKeys = (regulation: Pick<Regulation, 'id' | 'jurisdiction'>) => ({
  gsi1pk: `REGULATIONS#${regulation.jurisdiction.slice(0, 2)}`,
  gsi1sk: `${regulation.jurisdiction}#${regulation.id}`,
});

function reachedLists(region: string): PartitionQuery[] {
  return reachedProvinces(region).map(({ province, jurisdiction }) => {
    const gsi1pk = `REGULATIONS#${province}`;
    return {
      query: {
        TableName: tableName('MAIN_TABLE'),
        IndexName: 'gsi1',
        KeyConditionExpression: jurisdiction ? 'gsi1pk = :list AND begins_with(gsi1sk, :region)' : 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': gsi1pk, ...(jurisdiction ? { ':region': `${jurisdiction}#` } : {}) },
      },
      key: { partition: { attribute: 'gsi1pk', value: gsi1pk }, attributes: GSI1_KEY },
    };
  });
}
const versionKey = (version: number) => `V#${zeroPadded(version, 6)}`;

function documentOf(item: Record<string, unknown>): Regulation {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...regulation } = item;
  return regulation as unknown as Regulation;
}
