import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../api/schemas';
import type { ProposalRecord } from '../../core/budget/proposal-record';
import type { ProposalStore } from '../../core/budget/proposal-store';
import { runIdOf } from '../../core/enrollment/run-identity';
import { documentClient, tableName } from './document-client';
import { enrollmentKeys } from './enrollment-keys';
import type { Page, PageQuery } from '../../api/page-query';
import { listNewestFirst, pageNewestFirst } from './list-newest-first';
import { mapPage } from './query-page';
import { transactWithAuditIfUnchanged } from './transact-with-audit';

/**
 * Main-table keys of proposals: `pk = PROPOSAL#<id>`, `sk = META`; index gsi1 lists a
 * regulation's (`gsi1pk = PROPOSALS#<regulation>`) newest first: it has a few a year. A proposal is one
 * item, rewritten whole under a condition on its status: a decision can only land on the state it
 * was made on.
 */
export class DynamoDbProposalStore implements ProposalStore {
  private readonly table = tableName('MAIN_TABLE');

  async create(record: ProposalRecord, event: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
      [{ Put: { TableName: this.table, Item: item(record), ConditionExpression: 'attribute_not_exists(pk)' } }],
      event,
    );
  }

  async get(proposalId: string): Promise<ProposalRecord | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: proposalKey(proposalId), ConsistentRead: true }));
    return Item ? recordOf(Item) : undefined;
  }

  async list(filter: { regulationId: string }): Promise<ProposalRecord[]> {
    const items = await listNewestFirst(this.table, proposalList(filter.regulationId));
    return items.map(recordOf);
  }

  async page(filter: { regulationIds: readonly string[] }, page: PageQuery): Promise<Page<ProposalRecord>> {
    return mapPage(await pageNewestFirst(this.table, filter.regulationIds.map(proposalList), page), recordOf);
  }

  async update(
    record: ProposalRecord,
    expected: { status: ProposalRecord['status']; snapshotHash?: string },
    event: AuditEvent,
  ): Promise<boolean> {
    return transactWithAuditIfUnchanged(
        [
          {
            Put: {
              TableName: this.table,
              Item: item(record),
              ConditionExpression: `#status = :status${expected.snapshotHash ? ' AND #snapshot.#hash = :hash' : ''}`,
              ExpressionAttributeNames: {
                '#status': 'status',
                ...(expected.snapshotHash ? { '#snapshot': 'snapshot', '#hash': 'hash' } : {}),
              },
              ExpressionAttributeValues: {
                ':status': expected.status,
                ...(expected.snapshotHash ? { ':hash': expected.snapshotHash } : {}),
              },
            },
          },
        ],
        event,
      );
  }

  async withdrawDecision(record: ProposalRecord, expected: { status: ProposalRecord['status']; decidedAt: string }, event: AuditEvent): Promise<boolean> {
    // Both sides of the race check the other's item in their transaction: this one that the run
    // does not exist, the run's creation that this decision still stands (DynamoDbRunStore.create).
    // DynamoDB serializes transactions on the same items, so whichever commits first makes the
    // other's condition fail. Checking only one side would not do: a withdrawal could read "no run"
    // and a start "approved", and both writes would then hold.
    return transactWithAuditIfUnchanged(
      [
        {
          Put: {
            TableName: this.table,
            Item: item(record),
            ConditionExpression: '#status = :status AND #decision.#decidedAt = :decidedAt',
            ExpressionAttributeNames: { '#status': 'status', '#decision': 'decision', '#decidedAt': 'decidedAt' },
            ExpressionAttributeValues: { ':status': expected.status, ':decidedAt': expected.decidedAt },
          },
        },
        {
          ConditionCheck: {
            TableName: this.table,
            Key: enrollmentKeys.run(runIdOf(record.proposalId)),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      event,
    );
  }

  async recordReview(record: ProposalRecord, expected: { snapshotHash: string }, event: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
      [
        {
          Put: {
            TableName: this.table,
            Item: item(record),
            // Two officers reviewing at once: the first review stands, the second is refused.
            ConditionExpression: '#status = :pending AND #snapshot.#hash = :hash AND attribute_not_exists(#review)',
            ExpressionAttributeNames: { '#status': 'status', '#snapshot': 'snapshot', '#hash': 'hash', '#review': 'review' },
            ExpressionAttributeValues: { ':pending': 'pending-decision', ':hash': expected.snapshotHash },
          },
        },
      ],
      event,
    );
  }

  async setExecution(proposalId: string, executionArn: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.table,
        Key: proposalKey(proposalId),
        UpdateExpression: 'SET executionArn = :arn',
        ExpressionAttributeValues: { ':arn': executionArn },
      }),
    );
  }
}

export const proposalKey = (proposalId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: 'META' });
/** A regulation's proposals: the list is the regulation's, so it never crosses regions. */
const proposalList = (regulationId: string) => `PROPOSALS#${regulationId}`;

function item(record: ProposalRecord): Record<string, unknown> {
  return { ...proposalKey(record.proposalId), gsi1pk: proposalList(record.regulationId), gsi1sk: record.requestedAt, ...record };
}

function recordOf(item: Record<string, unknown>): ProposalRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...record } = item;
  return record as unknown as ProposalRecord;
}
