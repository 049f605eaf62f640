import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../api/schemas';
import type { PageOutcome } from '../../core/enrollment/page-tally';
import type { CoverEndCount } from '../../core/enrollment/premium-invoice';
import type { ProposalMoney, RunRecord, RunStore, ShardProgress } from '../../core/enrollment/run-record';
import { documentClient, tableName } from './document-client';
import { proposalKey } from './dynamodb-proposal-store';
import { COVER_END_PREFIX, PAGE_ATTRIBUTE_PREFIX, enrollmentKeys } from './enrollment-keys';
import type { Page, PageQuery } from '../../api/page-query';
import { listNewestFirst, pageNewestFirst } from './list-newest-first';
import { mapPage } from './query-page';
import { transactWithAuditIfUnchanged } from './transact-with-audit';

/**
 * Enrollment runs in the main table: `pk = RUN#<id>`, `sk = META`, listed through gsi1
 * (`gsi1pk = RUNS#<regulation>`, newest first); the shards' progress sits in the same partition.
 */
export class DynamoDbRunStore implements RunStore {
  private readonly table = tableName('MAIN_TABLE');

  async create(record: RunRecord, approval: { decidedAt: string }, event: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
      [
        { Put: { TableName: this.table, Item: item(record), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          // The other half of DynamoDbProposalStore.withdrawDecision: a run starts only on a decision that still stands.
          ConditionCheck: {
            TableName: this.table,
            Key: proposalKey(record.proposalId),
            ConditionExpression: '#status = :approved AND #decision.#decidedAt = :decidedAt',
            ExpressionAttributeNames: { '#status': 'status', '#decision': 'decision', '#decidedAt': 'decidedAt' },
            ExpressionAttributeValues: { ':approved': 'approved', ':decidedAt': approval.decidedAt },
          },
        },
      ],
      event,
    );
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: enrollmentKeys.run(runId), ConsistentRead: true }));
    return Item ? recordOf(Item) : undefined;
  }

  async list(filter: { regulationId: string }): Promise<RunRecord[]> {
    const items = await listNewestFirst(this.table, enrollmentKeys.runIndex(filter.regulationId, '').gsi1pk);
    return items.map(recordOf);
  }

  async page(filter: { regulationIds: readonly string[] }, page: PageQuery): Promise<Page<RunRecord>> {
    const lists = filter.regulationIds.map((regulationId) => enrollmentKeys.runIndex(regulationId, '').gsi1pk);
    return mapPage(await pageNewestFirst(this.table, lists, page), recordOf);
  }

  async update(record: RunRecord, expected: Pick<RunRecord, 'status' | 'attempt'>, event: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
        [
          {
            Put: {
              TableName: this.table,
              Item: item(record),
              ConditionExpression: '#status = :status AND attempt = :attempt',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': expected.status, ':attempt': expected.attempt },
            },
          },
        ],
        event,
      );
  }

  async shards(runId: string): Promise<ShardProgress[]> {
    const items: Record<string, unknown>[] = [];
    const shards = paginateQuery(
      { client: documentClient },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :shard)',
        ExpressionAttributeValues: { ':pk': enrollmentKeys.run(runId).pk, ':shard': 'SHARD#' },
        ConsistentRead: true,
      },
    );
    for await (const page of shards) items.push(...(page.Items ?? []));
    return items.map((shard) => ({
      attempt: shard.attempt as number,
      bucket: shard.bucket as number,
      pages: Object.fromEntries(
        Object.entries(shard)
          .filter(([attribute]) => attribute.startsWith(PAGE_ATTRIBUTE_PREFIX))
          .map(([attribute, outcome]) => [attribute.slice(PAGE_ATTRIBUTE_PREFIX.length), outcome as PageOutcome]),
      ),
      done: shard.done === true,
    }));
  }

  async money(proposalId: string): Promise<ProposalMoney> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: enrollmentKeys.committed(proposalId), ConsistentRead: true }));
    return { committed: (Item?.committed as number | undefined) ?? 0, released: (Item?.released as number | undefined) ?? 0 };
  }

  async coverEnds(runId: string): Promise<CoverEndCount[]> {
    const items: Record<string, unknown>[] = [];
    const ends = paginateQuery(
      { client: documentClient },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ended)',
        ExpressionAttributeValues: { ':pk': enrollmentKeys.run(runId).pk, ':ended': COVER_END_PREFIX },
        ConsistentRead: true,
      },
    );
    for await (const page of ends) items.push(...(page.Items ?? []));
    return items.map((end) => ({ segment: end.segment as string, lastBilledMonth: end.lastBilledMonth as string, people: end.people as number })).filter((end) => end.people > 0);
  }
}

function item(record: RunRecord): Record<string, unknown> {
  return { ...enrollmentKeys.run(record.runId), ...enrollmentKeys.runIndex(record.regulationId, record.startedAt), ...record };
}

function recordOf(item: Record<string, unknown>): RunRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...record } = item;
  return record as unknown as RunRecord;
}
