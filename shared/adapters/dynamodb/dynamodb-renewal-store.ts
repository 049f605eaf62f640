import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import type { RenewalPeopleKind, RenewalPerson } from '../../api/renewal-schemas';
import type { AuditEvent } from '../../api/schemas';
import { renewalHolder } from '../../core/renewal/renewal-identity';
import type { BucketDiff } from '../../core/renewal/bucket-diff';
import type { DiffPerson } from '../../core/renewal/diff-person';
import type { RenewalRecord } from '../../core/renewal/renewal-record';
import type { RenewalStore } from '../../core/renewal/renewal-store';
import { batchWrite } from './batch-operations';
import { documentClient, tableName } from './document-client';
import { SEGMENT_COUNT_PREFIX } from './dynamodb-import-store';
import { pageNewestFirst } from './list-newest-first';
import { mapPage } from './query-page';
import { PERSON_KIND_PREFIX, renewalKeys } from './renewal-keys';
import { rosterKeys } from './roster-keys';
import { transactWithAuditIfUnchanged } from './transact-with-audit';

/**
 * Renewals: one item per regulation and year, rewritten whole under a condition on its status and
 * attempt; per-bucket diff counts of each attempt; and the listed people, partitioned by bucket.
 */
export class DynamoDbRenewalStore implements RenewalStore {
  private readonly table = tableName('MAIN_TABLE');

  async get(regulationId: string, year: number): Promise<RenewalRecord | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: renewalKeys.meta(regulationId, year), ConsistentRead: true }));
    return Item ? recordOf(Item) : undefined;
  }

  /** One page of a regulation's renewals, newest year first. */
  async page(regulationId: string, page: PageQuery): Promise<Page<RenewalRecord>> {
    return mapPage(await pageNewestFirst(this.table, [renewalKeys.metaIndex(regulationId, 0).gsi1pk], page), recordOf);
  }

  async create(record: RenewalRecord, event: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged([{ Put: { TableName: this.table, Item: item(record), ConditionExpression: 'attribute_not_exists(pk)' } }], event);
  }

  async update(record: RenewalRecord, expected: Pick<RenewalRecord, 'status' | 'attempt'>, event: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged([this.conditionalPut(record, expected)], event);
  }

  async setExecution(regulationId: string, year: number, executionArn: string): Promise<void> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.table,
          Key: renewalKeys.meta(regulationId, year),
          UpdateExpression: 'SET executionArn = :arn',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':arn': executionArn },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async saveBucketDiff(regulationId: string, year: number, attempt: number, bucket: number, diff: BucketDiff): Promise<void> {
    await documentClient.send(new PutCommand({ TableName: this.table, Item: { ...renewalKeys.bucketDiff(regulationId, year, attempt, bucket), diff } }));
  }

  async bucketDiffs(regulationId: string, year: number, attempt: number): Promise<BucketDiff[]> {
    const first = renewalKeys.bucketDiff(regulationId, year, attempt, 0);
    const diffs: BucketDiff[] = [];
    const shards = paginateQuery(
      { client: documentClient },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :attempt)',
        ExpressionAttributeValues: { ':pk': first.pk, ':attempt': first.sk.slice(0, first.sk.indexOf('#B') + 1) },
        ConsistentRead: true,
      },
    );
    for await (const page of shards) diffs.push(...(page.Items ?? []).map((item) => item.diff as BucketDiff));
    return diffs;
  }

  async finishVerification(record: RenewalRecord, headcount: Record<string, number>, rosterVersion: number, event: AuditEvent): Promise<boolean> {
    const counts = Object.entries(headcount);
    const names = Object.fromEntries(counts.map(([segment], i) => [`#c${i}`, `${SEGMENT_COUNT_PREFIX}${segment}`]));
    const values = Object.fromEntries(counts.map(([, count], i) => [`:c${i}`, count]));
    return transactWithAuditIfUnchanged(
        [
          this.conditionalPut(record, { status: 'verifying', attempt: record.attempt }, 'attribute_not_exists(diff)'),
          {
            // The recount replaces the headcount; imports keep adding their changes to it afterwards.
            Update: {
              TableName: this.table,
              Key: rosterKeys.summary(record.regulationId, record.year),
              UpdateExpression: `SET ${[...counts.map((_, i) => `#c${i} = :c${i}`), 'updatedAt = :at', 'lastImportId = :holder'].join(', ')} ADD version :one`,
              ConditionExpression: rosterVersion === 0 ? 'attribute_not_exists(version)' : 'version = :version',
              ...(counts.length > 0 ? { ExpressionAttributeNames: names } : {}),
              ExpressionAttributeValues: {
                ...values,
                ':at': event.at,
                ':holder': renewalHolder(record.regulationId, record.year),
                ':one': 1,
                ...(rosterVersion === 0 ? {} : { ':version': rosterVersion }),
              },
            },
          },
        ],
        event,
      );
  }

  async writeDiffPeople(where: { regulationId: string; year: number; attempt: number; bucket: number }, people: readonly DiffPerson[]): Promise<void> {
    await batchWrite(
      this.table,
      people.map((person) => ({ PutRequest: { Item: { ...renewalKeys.person(where.regulationId, where.year, where.attempt, where.bucket, person.kind, person.nik), ...person } } })),
    );
  }

  async writeLapses(regulationId: string, year: number, bucket: number, people: readonly RenewalPerson[]): Promise<void> {
    await batchWrite(
      this.table,
      people.map((person) => ({ PutRequest: { Item: { ...renewalKeys.person(regulationId, year, 0, bucket, 'lapsed', person.nik), ...person } } })),
    );
  }

  async people(
    where: { regulationId: string; year: number; attempt: number; kind: RenewalPeopleKind; bucket: number },
    after: string | undefined,
    limit: number,
  ): Promise<{ people: RenewalPerson[]; more: boolean }> {
    const first = renewalKeys.person(where.regulationId, where.year, where.attempt, where.bucket, where.kind, '');
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :kind)',
        ExpressionAttributeValues: { ':pk': first.pk, ':kind': PERSON_KIND_PREFIX[where.kind] },
        ...(after ? { ExclusiveStartKey: { pk: first.pk, sk: `${PERSON_KIND_PREFIX[where.kind]}${after}` } } : {}),
        Limit: limit,
      }),
    );
    return {
      people: (page.Items ?? []).map(({ pk: _pk, sk: _sk, kind: _kind, ...person }) => person as RenewalPerson),
      more: page.LastEvaluatedKey !== undefined,
    };
  }

  private conditionalPut(record: RenewalRecord, expected: Pick<RenewalRecord, 'status' | 'attempt'>, extraCondition?: string) {
    return {
      Put: {
        TableName: this.table,
        Item: item(record),
        ConditionExpression: `#status = :status AND attempt = :attempt${extraCondition ? ` AND ${extraCondition}` : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': expected.status, ':attempt': expected.attempt },
      },
    };
  }
}

function item(record: RenewalRecord): Record<string, unknown> {
  return { ...renewalKeys.meta(record.regulationId, record.year), ...renewalKeys.metaIndex(record.regulationId, record.year), ...record };
}

function recordOf(item: Record<string, unknown>): RenewalRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...record } = item;
  return record as unknown as RenewalRecord;
}
