import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../api/schemas';
import type { ProposalRecord } from '../../budget/proposal-record';
import type { ProposalStore } from '../../budget/proposal-store';
import { documentClient, tableName } from './document-client';
import { listNewestFirst } from './list-newest-first';
import { transactWithAudit, transactWithAuditIfUnchanged } from './transact-with-audit';

/**
 * Main-table keys of proposals: `pk = PROPOSAL#<id>`, `sk = META`; index gsi1 lists them all
 * (`gsi1pk = PROPOSALS`) newest first: a deployment has a few dozen a year. A proposal is one
 * item, rewritten whole under a condition on its status: a decision can only land on the state it
 * was made on.
 */
export class DynamoDbProposalStore implements ProposalStore {
  private readonly table = tableName('MAIN_TABLE');

  async create(record: ProposalRecord, event: AuditEvent): Promise<void> {
    await transactWithAudit(
      [{ Put: { TableName: this.table, Item: item(record), ConditionExpression: 'attribute_not_exists(pk)' } }],
      event,
    );
  }

  async get(proposalId: string): Promise<ProposalRecord | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: key(proposalId), ConsistentRead: true }));
    return Item ? recordOf(Item) : undefined;
  }

  async list(filter: { regulationId?: string }): Promise<ProposalRecord[]> {
    const items = await listNewestFirst(this.table, 'PROPOSALS', filter);
    return items.map(recordOf);
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

  async setExecution(proposalId: string, executionArn: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(proposalId),
        UpdateExpression: 'SET executionArn = :arn',
        ExpressionAttributeValues: { ':arn': executionArn },
      }),
    );
  }
}

const key = (proposalId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: 'META' });

function item(record: ProposalRecord): Record<string, unknown> {
  return { ...key(record.proposalId), gsi1pk: 'PROPOSALS', gsi1sk: record.requestedAt, ...record };
}

function recordOf(item: Record<string, unknown>): ProposalRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...record } = item;
  return record as unknown as ProposalRecord;
}
