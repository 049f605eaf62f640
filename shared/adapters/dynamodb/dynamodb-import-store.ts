import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import type { RosterSummary } from '../../api/roster-schemas';
import type { AuditEvent } from '../../api/schemas';
import { ConflictError } from '../../core/errors';
import { nikBucket } from '../../core/people/nik-bucket';
import type { ImportRecord } from '../../core/roster/import-record';
import type { ImportStore, RosterChange } from '../../core/roster/import-store';
import type { RawRosterRow } from '../../core/roster/raw-roster-row';
import type { ShardCounts } from '../../core/roster/shard-counts';
import type { RowNoticeKind, StoredRejection } from '../../core/roster/stored-rejection';
import { batchWrite } from './batch-operations';
import { documentClient, tableName } from './document-client';
import { pageNewestFirst } from './list-newest-first';
import { TABLE_KEY, mapPage, queryPage } from './query-page';
import { transactWithAudit } from './transact-with-audit';
import { importKeys, stagedPartOf, stagingDigest, stagingPartition } from './import-keys';
import { rosterKeys } from './roster-keys';
import { stagedRowParts } from './staged-row-parts';

/** Prefix of the roster summary's per-segment headcount attributes. */
export const SEGMENT_COUNT_PREFIX = 'count#';

/** Staged rows are only needed until the import is processed. */
const STAGING_DAYS = 30;

export class DynamoDbImportStore implements ImportStore {
  private readonly table = tableName('MAIN_TABLE');

  async create(record: ImportRecord, event: AuditEvent): Promise<void> {
    await transactWithAudit(
      [
        {
          Put: {
            TableName: this.table,
            Item: { ...importKeys.meta(record.importId), ...importKeys.metaIndex(record.regulationId, record.createdAt), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      event,
    );
  }

  async get(importId: string): Promise<ImportRecord | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.table, Key: importKeys.meta(importId), ConsistentRead: true }),
    );
    return Item ? recordOf(Item) : undefined;
  }

  async listForRegulation(regulationId: string): Promise<ImportRecord[]> {
    return (await this.page(regulationId, { limit: 50 })).items;
  }

  /** One page of a regulation's imports, newest first. */
  async page(regulationId: string, page: PageQuery): Promise<Page<ImportRecord>> {
    return mapPage(await pageNewestFirst(this.table, [importKeys.metaIndex(regulationId, '').gsi1pk], page), recordOf);
  }

  async putChunk(importId: string, seq: number, rows: readonly RawRosterRow[], sha256: string): Promise<{ alreadyReceived: boolean }> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.table, Key: importKeys.chunk(importId, seq), ConsistentRead: true }),
    );
    if (Item) {
      if (Item.sha256 === sha256) return { alreadyReceived: true };
      throw new ConflictError(
        `Chunk ${seq} of import ${importId} was already received with different rows. Start a new import for a changed file.`,
      );
    }
    const byBucket = new Map<number, RawRosterRow[]>();
    for (const row of rows) {
      const bucket = nikBucket(row.values.nik ?? '');
      (byBucket.get(bucket) ?? byBucket.set(bucket, []).get(bucket))!.push(row);
    }
    const expiresAt = Math.floor(Date.now() / 1000) + STAGING_DAYS * 86_400;
    // Rows are stored as JSON strings, one per bucket unless it would exceed DynamoDB's item size:
    // far cheaper to write and read than a list of maps.
    await batchWrite(
      this.table,
      [...byBucket].flatMap(([bucket, bucketRows]) =>
        stagedRowParts(bucketRows).map((json, part) => ({
          PutRequest: { Item: { ...importKeys.staging(importId, bucket, seq, sha256, part), rows: json, expiresAt } },
        })),
      ),
    );
    // The chunk record comes last: once it exists, every staged part of the chunk does too. Its
    // condition settles a race between two different uploads of one chunk number: one wins, and
    // the shards read only the winner's parts (the digest in their keys), never a mix.
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...importKeys.chunk(importId, seq), seq, rows: rows.length, sha256, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk) OR sha256 = :sha',
          ExpressionAttributeValues: { ':sha': sha256 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new ConflictError(`Chunk ${seq} of import ${importId} was received twice with different rows at once. Start a new import.`);
    }
    return { alreadyReceived: false };
  }

  async received(importId: string): Promise<{ chunks: number[]; rows: number }> {
    const records = await this.chunkRecords(importId);
    return { chunks: records.map((r) => r.seq), rows: records.reduce((sum, r) => sum + r.rows, 0) };
  }

  async startProcessing(importId: string, rowsExpected: number, event: AuditEvent): Promise<boolean> {
    return this.changeStatus(importId, event, {
      UpdateExpression: 'SET #status = :processing, rowsExpected = :rows',
      ConditionExpression: '#status = :receiving',
      ExpressionAttributeValues: { ':processing': 'processing', ':receiving': 'receiving', ':rows': rowsExpected },
    });
  }

  async retryFailed(importId: string, event: AuditEvent): Promise<boolean> {
    return this.changeStatus(importId, event, {
      UpdateExpression: 'SET #status = :processing REMOVE failure ADD attempt :one',
      ConditionExpression: '#status = :failed',
      ExpressionAttributeValues: { ':processing': 'processing', ':failed': 'failed', ':one': 1 },
    });
  }

  async setExecution(importId: string, executionArn: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.table,
        Key: importKeys.meta(importId),
        UpdateExpression: 'SET executionArn = :arn',
        ExpressionAttributeValues: { ':arn': executionArn },
      }),
    );
  }

  async *stagedRows(importId: string, bucket: number): AsyncIterable<RawRosterRow> {
    // Parts of an upload that never got its chunk record (it failed part-way, and the chunk was
    // then sent with other rows), or that lost a race for it, are left out.
    const received = await this.chunkDigests(importId);
    const isReceived = (sk: string) => {
      const { seq, digest } = stagedPartOf(sk);
      return digest === undefined || received.get(seq) === digest;
    };
    const staged = paginateQuery(
      // A page of a few staged parts keeps memory flat however many chunks there are.
      { client: documentClient, pageSize: 4 },
      { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': stagingPartition(importId, bucket) }, ConsistentRead: true },
    );
    for await (const page of staged) {
      for (const item of page.Items ?? []) {
        if (isReceived(item.sk as string)) yield* JSON.parse(item.rows as string) as RawRosterRow[];
      }
    }
  }

  /** The staging digest of each received chunk's content, by chunk number. */
  private async chunkDigests(importId: string): Promise<Map<number, string>> {
    return new Map((await this.chunkRecords(importId)).map((r) => [r.seq, stagingDigest(r.sha256)]));
  }

  private async chunkRecords(importId: string): Promise<{ seq: number; rows: number; sha256: string }[]> {
    const records: { seq: number; rows: number; sha256: string }[] = [];
    const chunks = paginateQuery(
      { client: documentClient },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
        ExpressionAttributeValues: { ':pk': importKeys.meta(importId).pk, ':chunk': 'CHUNK#' },
        ProjectionExpression: 'seq, #rows, sha256',
        ExpressionAttributeNames: { '#rows': 'rows' },
        ConsistentRead: true,
      },
    );
    for await (const page of chunks) {
      for (const item of page.Items ?? []) records.push({ seq: item.seq as number, rows: item.rows as number, sha256: item.sha256 as string });
    }
    return records;
  }

  async saveShardCounts(importId: string, bucket: number, counts: ShardCounts, done: boolean): Promise<void> {
    await documentClient.send(new PutCommand({ TableName: this.table, Item: { ...importKeys.shard(importId, bucket), bucket, counts, done } }));
  }

  async shardCounts(importId: string): Promise<ShardCounts[]> {
    const counts: ShardCounts[] = [];
    const shards = paginateQuery(
      { client: documentClient },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :shard)',
        ExpressionAttributeValues: { ':pk': importKeys.meta(importId).pk, ':shard': 'SHARD#' },
        ConsistentRead: true,
      },
    );
    for await (const page of shards) counts.push(...(page.Items ?? []).map((item) => item.counts as ShardCounts));
    return counts;
  }

  async rosterSummary(regulationId: string, year: number): Promise<RosterSummary | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.table, Key: rosterKeys.summary(regulationId, year), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const segments = Object.fromEntries(
      Object.entries(Item)
        .filter(([name]) => name.startsWith(SEGMENT_COUNT_PREFIX))
        .map(([name, count]) => [name.slice(SEGMENT_COUNT_PREFIX.length), count as number]),
    );
    return {
      regulationId,
      year,
      version: Item.version as number,
      segments,
      total: Object.values(segments).reduce((a, b) => a + b, 0),
      updatedAt: Item.updatedAt as string,
    };
  }

  async complete(record: ImportRecord, roster: RosterChange, event: AuditEvent): Promise<void> {
    // Headcounts are top-level numbers so that ADD can change them in place, atomically.
    const changes = Object.entries(roster.delta).filter(([, delta]) => delta !== 0);
    const names = Object.fromEntries(changes.map(([segment], i) => [`#s${i}`, `${SEGMENT_COUNT_PREFIX}${segment}`]));
    const values = Object.fromEntries(changes.map(([, delta], i) => [`:s${i}`, delta]));
    try {
      await transactWithAudit(
        [
          {
            Update: {
              TableName: this.table,
              Key: importKeys.meta(record.importId),
              UpdateExpression: 'SET #status = :completed, completedAt = :at, totals = :totals',
              ConditionExpression: '#status = :processing',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':completed': 'completed',
                ':processing': 'processing',
                ':at': record.completedAt,
                ':totals': record.totals,
              },
            },
          },
          // An import that changed no one leaves the summary, and so its version, as it was.
          ...(roster.changed
            ? [
                {
                  Update: {
                    TableName: this.table,
                    Key: rosterKeys.summary(record.regulationId, record.year),
                    UpdateExpression: `ADD version :one${changes.map((_, i) => `, #s${i} :s${i}`).join('')} SET updatedAt = :at, lastImportId = :import`,
                    ...(changes.length > 0 ? { ExpressionAttributeNames: names } : {}),
                    ExpressionAttributeValues: { ':one': 1, ':at': record.completedAt, ':import': record.importId, ...values },
                  },
                },
              ]
            : []),
        ],
        event,
      );
    } catch (error) {
      // Already completed by an earlier run of the same finalisation: nothing left to do.
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }

  async fail(importId: string, reason: string, event: AuditEvent): Promise<void> {
    await this.changeStatus(importId, event, {
      UpdateExpression: 'SET #status = :failed, failure = :reason',
      ConditionExpression: '#status <> :completed',
      ExpressionAttributeValues: { ':failed': 'failed', ':completed': 'completed', ':reason': reason },
    });
  }

  /**
   * Moves an import to another status with its audit event, atomically. False when the condition
   * does not hold (the move already happened, or is not allowed from the current status).
   */
  private async changeStatus(
    importId: string,
    event: AuditEvent,
    update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await transactWithAudit(
        [
          {
            Update: { TableName: this.table, Key: importKeys.meta(importId), ExpressionAttributeNames: { '#status': 'status' }, ...update },
          },
        ],
        event,
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async writeNotices(importId: string, notices: { rejections: readonly StoredRejection[]; warnings: readonly StoredRejection[] }): Promise<void> {
    await batchWrite(this.table, [
      ...notices.rejections.map((rejection) => ({ PutRequest: { Item: { ...importKeys.rejection(importId, rejection.row), ...rejection } } })),
      ...notices.warnings.map((warning) => ({ PutRequest: { Item: { ...importKeys.warning(importId, warning.row), ...warning } } })),
    ]);
  }

  async rejections(
    importId: string,
    cursor: string | undefined,
    limit: number,
    kind: RowNoticeKind = 'rejected',
  ): Promise<{ rows: StoredRejection[]; nextCursor?: string }> {
    // One page convention for every list (query-page.ts): bounded in rows and in bytes, since a
    // rejected row carries its values (up to nine texts of 500 characters) and its problems.
    const partition = importKeys.meta(importId).pk;
    const page = await queryPage(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': kind === 'warning' ? 'WARN#' : 'REJ#' },
      },
      { limit, ...(cursor ? { cursor } : {}) },
      { partition: { attribute: 'pk', value: partition }, attributes: TABLE_KEY },
    );
    const rows = page.items.map(({ pk: _pk, sk: _sk, ...rejection }) => rejection as unknown as StoredRejection);
    return { rows, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}

function recordOf(item: Record<string, unknown>): ImportRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...record } = item;
  return record as unknown as ImportRecord;
}
