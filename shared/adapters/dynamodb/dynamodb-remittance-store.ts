import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../api/schemas';
import { ConflictError } from '../../core/errors';
import { nikBucket } from '../../core/people/nik-bucket';
import type { ArrearsWatch } from '../../core/remittance/arrears';
import type { BucketTally } from '../../core/remittance/bucket-tally';
import type { BillFigures, BillLine, Discrepancy, DiscrepancyKind, InsurerBill, Payment } from '../../core/remittance/insurer-bill';
import type { BillChanges, DiscrepancyPage, RemittanceStore } from '../../core/remittance/remittance-store';
import { bucketPart } from './key-numbers';
import { batchWrite } from './batch-operations';
import { documentClient, tableName } from './document-client';
import { queryPage, TABLE_KEY } from './query-page';
import { discrepancyPartition, linesPartition, remittanceKeys } from './remittance-keys';
import { stagedRowParts } from './staged-row-parts';
import { transactWithAudit, transactWithAuditIfUnchanged } from './transact-with-audit';

/** A bill's statuses that give its month up: the month may take another bill. */
const RELEASES_MONTH: readonly InsurerBill['status'][] = ['refused', 'withdrawn'];

/**
 * The insurer's bills in the main table (docs/data-model.md): the bill (`BILL#<id>`, `META`), the
 * month it holds (`REG#<reg>`, `BILL#<month>`), its lines by NIK bucket as JSON parts, its
 * reconciliation's tallies and discrepancies per attempt, its SP2D numbers, and the arrears watch.
 */
export class DynamoDbRemittanceStore implements RemittanceStore {
  private readonly table = tableName('MAIN_TABLE');

  async bill(billId: string): Promise<InsurerBill | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: remittanceKeys.bill(billId), ConsistentRead: true }));
    return Item ? billOf(Item) : undefined;
  }

  async billOfMonth(regulationId: string, month: string): Promise<InsurerBill | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: remittanceKeys.monthSlot(regulationId, month), ConsistentRead: true }));
    return Item ? this.bill(Item.billId as string) : undefined;
  }

  async billsOfYear(regulationId: string, year: number): Promise<InsurerBill[]> {
    const bills: InsurerBill[] = [];
    const { gsi1pk } = remittanceKeys.billIndex(regulationId, `${year}-01`, '');
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
    })) {
      bills.push(...(page.Items ?? []).map(billOf).filter((bill) => !RELEASES_MONTH.includes(bill.status)));
    }
    return bills.sort((a, b) => a.month.localeCompare(b.month));
  }

  async open(bill: InsurerBill, audit: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
      [
        { Put: { TableName: this.table, Item: { ...remittanceKeys.monthSlot(bill.regulationId, bill.month), billId: bill.billId }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: this.table, Item: billItem(bill), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
      audit,
    );
  }

  async receiveChunk(billId: string, seq: number, lines: readonly BillLine[]): Promise<void> {
    const digest = createHash('sha256').update(JSON.stringify(lines)).digest('hex');
    const byBucket = new Map<number, BillLine[]>();
    for (const line of lines) {
      const bucket = nikBucket(line.nik);
      (byBucket.get(bucket) ?? byBucket.set(bucket, []).get(bucket))!.push(line);
    }
    await batchWrite(
      this.table,
      [...byBucket].flatMap(([bucket, bucketLines]) =>
        stagedRowParts(bucketLines).map((json, part) => ({ PutRequest: { Item: { ...remittanceKeys.lines(billId, bucket, seq, digest, part), lines: json } } })),
      ),
    );
    // The chunk record comes last: once it exists, all its lines do. A chunk sent again with
    // other lines is refused rather than mixed with the first.
    try {
      await documentClient.send(new PutCommand({
        TableName: this.table,
        Item: { ...remittanceKeys.chunk(billId, seq), seq, digest, people: lines.length, amount: lines.reduce((sum, line) => sum + line.amount, 0) },
        ConditionExpression: 'attribute_not_exists(pk) OR digest = :digest',
        ExpressionAttributeValues: { ':digest': digest },
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new ConflictError(`Chunk ${seq} of bill ${billId} was already received with other lines. Import the file again as a new bill.`);
    }
  }

  async chunks(billId: string): Promise<Map<number, BillFigures>> {
    const chunks = new Map<number, BillFigures>();
    for await (const item of this.chunkItems(billId)) chunks.set(item.seq as number, { people: item.people as number, amount: item.amount as number });
    return chunks;
  }

  async billedLines(billId: string, bucket: number): Promise<Map<string, BillLine[]>> {
    const digests = new Map<number, string>();
    for await (const item of this.chunkItems(billId)) digests.set(item.seq as number, (item.digest as string).slice(0, 16));
    const lines: BillLine[] = [];
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': linesPartition(billId, bucket) },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        const [, seq, digest] = (item.sk as string).split('#');
        // Parts of an upload that lost its chunk record to another are not the bill's.
        if (digests.get(Number(seq)) === digest) lines.push(...(JSON.parse(item.lines as string) as BillLine[]));
      }
    }
    lines.sort((a, b) => a.line - b.line);
    const byNik = new Map<string, BillLine[]>();
    for (const line of lines) (byNik.get(line.nik) ?? byNik.set(line.nik, []).get(line.nik))!.push(line);
    return byNik;
  }

  async transition(billId: string, from: readonly InsurerBill['status'][], to: InsurerBill['status'], changes: BillChanges, audit: AuditEvent): Promise<boolean> {
    const bill = await this.bill(billId);
    if (!bill || !from.includes(bill.status)) return false;
    const next: InsurerBill = { ...bill, ...changes, status: to } as InsurerBill;
    if (changes.failure === undefined && to !== 'refused' && to !== 'failed') delete (next as { failure?: string }).failure;
    const writes = [
      {
        Put: {
          TableName: this.table,
          Item: billItem(next),
          ConditionExpression: '#status = :from AND attempt = :attempt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':from': bill.status, ':attempt': bill.attempt },
        },
      },
      ...(RELEASES_MONTH.includes(to)
        ? [{ Delete: { TableName: this.table, Key: remittanceKeys.monthSlot(bill.regulationId, bill.month), ConditionExpression: 'billId = :bill', ExpressionAttributeValues: { ':bill': billId } } }]
        : []),
    ];
    return transactWithAuditIfUnchanged(writes, audit);
  }

  async finishShard(billId: string, attempt: number, discrepancies: readonly Discrepancy[], tally: BucketTally): Promise<void> {
    // A run of the shard that crashed before its tally may have written discrepancies the ledger
    // no longer shows (a death recorded meanwhile): they go, so the list matches the tally.
    const found = new Set(discrepancies.map((d) => remittanceKeys.discrepancy(billId, attempt, d.bucket, d.nik).sk));
    const stale: { pk: string; sk: string }[] = [];
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bucket)',
      ExpressionAttributeValues: { ':pk': discrepancyPartition(billId, attempt), ':bucket': `${bucketPart(tally.bucket)}#` },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) if (!found.has(item.sk as string)) stale.push({ pk: item.pk as string, sk: item.sk as string });
    }
    await batchWrite(this.table, [
      ...stale.map((Key) => ({ DeleteRequest: { Key } })),
      ...discrepancies.map((d) => ({ PutRequest: { Item: { ...remittanceKeys.discrepancy(billId, attempt, d.bucket, d.nik), ...d } } })),
    ]);
    await documentClient.send(new PutCommand({ TableName: this.table, Item: { ...remittanceKeys.tally(billId, attempt, tally.bucket), tally } }));
  }

  async tallies(billId: string, attempt: number): Promise<Map<number, BucketTally>> {
    const tallies = new Map<number, BucketTally>();
    const { pk } = remittanceKeys.tally(billId, attempt, 0);
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tally)',
      ExpressionAttributeValues: { ':pk': pk, ':tally': 'TALLY#' },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        const tally = item.tally as BucketTally;
        tallies.set(tally.bucket, tally);
      }
    }
    return tallies;
  }

  async discrepancies(billId: string, attempt: number, page: { kind?: DiscrepancyKind; limit: number; cursor?: string }): Promise<DiscrepancyPage> {
    const partition = discrepancyPartition(billId, attempt);
    const result = await queryPage(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...(page.kind ? { ':kind': page.kind } : {}) },
        ...(page.kind ? { FilterExpression: 'kind = :kind' } : {}),
      },
      { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) },
      { partition: { attribute: 'pk', value: partition }, attributes: TABLE_KEY },
    );
    return { items: result.items.map(discrepancyOf), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }

  async discrepancy(billId: string, attempt: number, nik: string): Promise<Discrepancy | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: remittanceKeys.discrepancy(billId, attempt, nikBucket(nik), nik), ConsistentRead: true }));
    return Item ? discrepancyOf(Item) : undefined;
  }

  async *allDiscrepancies(billId: string, attempt: number): AsyncIterable<Discrepancy> {
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': discrepancyPartition(billId, attempt) },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) yield discrepancyOf(item);
    }
  }

  async dispute(billId: string, attempt: number, discrepancy: Discrepancy, audit: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
      [
        {
          ConditionCheck: {
            TableName: this.table,
            Key: remittanceKeys.bill(billId),
            ConditionExpression: '#status = :reconciled AND attempt = :attempt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':reconciled': 'reconciled', ':attempt': attempt },
          },
        },
        { Put: { TableName: this.table, Item: { ...remittanceKeys.discrepancy(billId, attempt, discrepancy.bucket, discrepancy.nik), ...discrepancy } } },
      ],
      audit,
    );
  }

  async addPayment(billId: string, payment: Payment, payable: number, audit: AuditEvent): Promise<boolean> {
    return transactWithAuditIfUnchanged(
      [
        { Put: { TableName: this.table, Item: { ...remittanceKeys.sp2d(billId, payment.sp2dNumber), ...payment }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: this.table,
            Key: remittanceKeys.bill(billId),
            UpdateExpression: 'SET payments = list_append(payments, :payment) ADD paid :amount',
            // No arithmetic in conditions: "paid + amount ≤ payable" is "paid ≤ payable − amount".
            ConditionExpression: '#status = :accepted AND paid <= :room',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':payment': [payment], ':amount': payment.amount, ':accepted': 'accepted', ':room': payable - payment.amount },
          },
        },
      ],
      audit,
    );
  }

  async arrears(regulationId: string, year: number): Promise<ArrearsWatch | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: remittanceKeys.arrears(regulationId, year), ConsistentRead: true }));
    return Item ? (Item.watch as ArrearsWatch) : undefined;
  }

  async saveArrears(watch: ArrearsWatch, audits: readonly AuditEvent[]): Promise<void> {
    const put = { Put: { TableName: this.table, Item: { ...remittanceKeys.arrears(watch.regulationId, watch.year), watch } } };
    if (audits.length === 0) await documentClient.send(new PutCommand(put.Put));
    else await transactWithAudit([put], audits);
  }

  private async *chunkItems(billId: string): AsyncIterable<Record<string, unknown>> {
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
      ExpressionAttributeValues: { ':pk': remittanceKeys.bill(billId).pk, ':chunk': 'CHUNK#' },
      ConsistentRead: true,
    })) {
      yield* page.Items ?? [];
    }
  }
}

function billItem(bill: InsurerBill): Record<string, unknown> {
  return { ...remittanceKeys.bill(bill.billId), ...remittanceKeys.billIndex(bill.regulationId, bill.month, bill.importedAt), ...bill };
}

function billOf(item: Record<string, unknown>): InsurerBill {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...bill } = item;
  return bill as InsurerBill;
}

function discrepancyOf(item: Record<string, unknown>): Discrepancy {
  const { pk: _pk, sk: _sk, ...discrepancy } = item;
  return discrepancy as Discrepancy;
}
