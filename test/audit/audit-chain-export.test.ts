import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { FileChainHeadArchive } from '../../shared/adapters/audit-export/file-chain-head-archive';
import { auditItem, chainLinkItem } from '../../shared/adapters/dynamodb/audit-items';
import { type ChainLink, eventHash, verifyChain } from '../../shared/core/audit/audit-chain';
import { AuditEvent } from '../../shared/core/audit/audit-event';
import type { AuditTrail } from '../../shared/core/audit/audit-trail';
import type { ChainHeadExport } from '../../shared/core/audit/chain-head-export';
import type { exportChainHeads as ExportChainHeads } from '../../shared/core/audit/export-chain-heads';
import type { verifyRegulationChain as VerifyRegulationChain } from '../../shared/core/audit/verify-regulation-chain';
import type { RegulationStore } from '../../shared/core/regulation/regulation-store';
import { amendRegulation, api, tokenFor } from '../support/api';
import { useLocalTables } from '../support/local-tables';
import { tangselRegulation } from '../support/tangsel';

/**
 * The daily export of the chain heads, on DynamoDB Local and the local archive (files): a day is
 * exported once, a chain that grew since still holds its exported head, and a chain rewritten
 * whole behind the API's back (every hash recomputed, so that walking its links finds nothing)
 * breaks at the exported head, named with the export's date.
 */

const suffix = Date.now().toString(36);
let trail: AuditTrail;
let regulations: RegulationStore;
let exportChainHeads: typeof ExportChainHeads;
let verifyRegulationChain: typeof VerifyRegulationChain;
let raw: DynamoDBDocumentClient;
let admin: string;

beforeAll(async () => {
  await useLocalTables();
  const [{ DynamoDbAuditTrail }, { DynamoDbRegulationStore }, exporting, verifying] = await Promise.all([
    import('../../shared/adapters/dynamodb/dynamodb-audit-trail'),
    import('../../shared/adapters/dynamodb/dynamodb-regulation-store'),
    import('../../shared/core/audit/export-chain-heads'),
    import('../../shared/core/audit/verify-regulation-chain'),
  ]);
  trail = new DynamoDbAuditTrail();
  regulations = new DynamoDbRegulationStore();
  exportChainHeads = exporting.exportChainHeads;
  verifyRegulationChain = verifying.verifyRegulationChain;
  raw = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
  admin = await tokenFor('admin', 'ani');
});

/** A regulation recorded, then amended `amendments` times: one event each on its chain. */
async function regulationWithEvents(id: string, amendments: number): Promise<void> {
  const document = tangselRegulation(id);
  expect((await api('PUT', `/regulations/${id}`, { token: admin, body: document })).status).toBe(200);
  for (let n = 1; n <= amendments; n++) await amend(id, 100 * n);
}

async function amend(id: string, targetHeadcount: number): Promise<void> {
  const document = tangselRegulation(id);
  const amendment: typeof document = { ...document, segments: document.segments.map((s, i) => (i === 0 ? { ...s, targetHeadcount } : s)) as typeof document.segments };
  expect((await amendRegulation(amendment, admin)).status).toBe(200);
}

async function links(id: string): Promise<ChainLink[]> {
  const { Items = [] } = await raw.send(new QueryCommand({ TableName: process.env.AUDIT_TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CHAIN#${id}` }, ConsistentRead: true }));
  return Items.map(({ pk: _pk, sk: _sk, ...link }) => link as unknown as ChainLink);
}

/**
 * What someone able to write the Audit table could do: edit event `fromSeq` and recompute the
 * hash of it and of every event and link after it, so that each link follows the one before.
 */
async function rewriteChain(id: string, fromSeq: number): Promise<void> {
  const table = process.env.AUDIT_TABLE;
  const chain = await links(id);
  let prevHash = chain[fromSeq - 2]!.hash;
  for (const link of chain.slice(fromSeq - 1)) {
    const key = { pk: `${link.entityType}#${link.entityId}`, sk: `${link.at}#${link.eventId}` };
    const stored = AuditEvent.parse((await raw.send(new GetCommand({ TableName: table, Key: key }))).Item);
    const edited = link.seq === fromSeq ? { ...stored, summary: 'Nothing happened here' } : stored;
    const hash = eventHash(edited, link.seq, prevHash);
    const chained = { ...edited, regulationId: id, seq: link.seq, prevHash, hash };
    await raw.send(new PutCommand({ TableName: table, Item: auditItem(chained) }));
    await raw.send(new PutCommand({ TableName: table, Item: chainLinkItem(chained) }));
    prevHash = hash;
  }
}

const headOf = (exported: ChainHeadExport | undefined, id: string) => exported?.heads.find((head) => head.regulationId === id);

describe('the daily export of the chain heads', () => {
  it("exports every regulation's head once a day, and reads a chain's head alone", async () => {
    const id = `perwal-export-heads-${suffix}`;
    await regulationWithEvents(id, 2);
    const archive = new FileChainHeadArchive(mkdtempSync(path.join(os.tmpdir(), 'lindung-exports-')));
    const chain = await links(id);
    expect(await trail.head(id)).toEqual(chain.at(-1));
    expect(await trail.head(`perwal-no-such-${suffix}`)).toBeUndefined();

    const first = await exportChainHeads({ regulations, trail, archive }, { date: '2027-03-01', at: new Date('2027-02-28T20:00:05Z') });
    expect(first).toMatchObject({ date: '2027-03-01', written: true });
    const exported = await archive.latest();
    expect(exported).toMatchObject({ date: '2027-03-01', exportedAt: '2027-02-28T20:00:05.000Z' });
    expect(headOf(exported, id)).toEqual({ regulationId: id, seq: 3, hash: chain[2]!.hash, at: chain[2]!.at });
    expect(first.heads).toBe(exported!.heads.length);

    // The same day again writes nothing, even with heads that have moved on since.
    await amend(id, 400);
    expect(await exportChainHeads({ regulations, trail, archive }, { date: '2027-03-01', at: new Date('2027-03-01T01:00:00Z') })).toMatchObject({ written: false });
    expect(headOf(await archive.latest(), id)?.seq).toBe(3);
    // The next day is its own export; the day before it is still there to read.
    await exportChainHeads({ regulations, trail, archive }, { date: '2027-03-02', at: new Date('2027-03-01T20:00:00Z') });
    expect(headOf(await archive.latest(), id)?.seq).toBe(4);
    expect(headOf(await archive.latest('2027-03-02'), id)?.seq).toBe(3);
    expect(await archive.latest('2027-03-01')).toBeUndefined();
  });

  it('verifies a chain that grew since its export against the exported head', async () => {
    const id = `perwal-export-holds-${suffix}`;
    await regulationWithEvents(id, 1);
    const archive = new FileChainHeadArchive(mkdtempSync(path.join(os.tmpdir(), 'lindung-exports-')));
    await exportChainHeads({ regulations, trail, archive }, { date: '2027-03-01', at: new Date('2027-02-28T20:00:00Z') });
    await amend(id, 300);
    const result = await verifyRegulationChain({ regulations, trail, archive }, id);
    expect(result).toMatchObject({ events: 3, anchor: { date: '2027-03-01', seq: 2, holds: true } });
    expect(result.broken).toBeUndefined();
  });

  it('names a chain rewritten from an event before the exported head, with the export date, though its links all follow', async () => {
    const id = `perwal-export-rewritten-${suffix}`;
    await regulationWithEvents(id, 3);
    const archive = new FileChainHeadArchive(mkdtempSync(path.join(os.tmpdir(), 'lindung-exports-')));
    await exportChainHeads({ regulations, trail, archive }, { date: '2027-03-01', at: new Date('2027-02-28T20:00:00Z') });
    expect(headOf(await archive.latest(), id)?.seq).toBe(4);

    await rewriteChain(id, 2);
    // Walking the links alone: every event gives its hash, every link follows the one before.
    expect((await verifyChain(id, trail.chain(id))).broken).toBeUndefined();
    const result = await verifyRegulationChain({ regulations, trail, archive }, id);
    expect(result.broken).toMatchObject({ seq: 4, reason: expect.stringContaining('no longer has the hash exported on 2027-03-01') });
    expect(result.anchor).toEqual({ date: '2027-03-01', seq: 4, holds: false });
  });
});

describe('the local chain-head archive', () => {
  it('writes a day once, read-only, and refuses to overwrite it', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'lindung-exports-'));
    const archive = new FileChainHeadArchive(directory);
    const day: ChainHeadExport = { exportedAt: '2027-02-28T20:00:00.000Z', date: '2027-03-01', heads: [{ regulationId: 'perwal-x', seq: 3, hash: 'a'.repeat(64), at: '2027-02-28T10:00:00.000Z' }] };
    expect(await archive.put(day)).toBe(true);
    expect(await archive.put({ ...day, heads: [] })).toBe(false);
    const file = path.join(directory, 'chain-heads', '2027-03-01.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(day);
    expect(statSync(file).mode & 0o222).toBe(0);
    // Nothing left beside it from either write.
    expect(readdirSync(path.join(directory, 'chain-heads'))).toEqual(['2027-03-01.json']);
    expect(await new FileChainHeadArchive(path.join(directory, 'none')).latest()).toBeUndefined();
  });

  it("is where the local stack's daily export workflow writes, and what the verification route checks against", async () => {
    const id = `perwal-export-stack-${suffix}`;
    await regulationWithEvents(id, 1);
    const { schedules } = (await api<{ schedules: { schedule: string; expression: string }[] }>('GET', '/_local/schedules', { token: admin })).body;
    const daily = schedules.find((s) => s.schedule.startsWith('AuditExport'));
    expect(daily?.expression).toBe('cron(0 3 * * ? *)');
    const fired = await api('POST', `/_local/schedules/${daily!.schedule}/run`, { token: admin });
    expect(fired.status, JSON.stringify(fired.body)).toBe(200);
    const sfn = new SFNClient({ endpoint: inject('stepFunctionsEndpoint'), region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    let status = 'RUNNING';
    for (let i = 0; i < 200 && status === 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await sfn.send(new DescribeExecutionCommand({ executionArn: fired.body.executionArn }))).status!;
    }
    expect(status).toBe('SUCCEEDED');
    const latest = await new FileChainHeadArchive(path.join(inject('dataDir'), 'audit-exports')).latest();
    expect(latest).toBeDefined();
    // The day's export may have been written by another test before this regulation existed: then it has no anchor yet.
    const head = headOf(latest, id);
    const verified = await api('GET', `/regulations/${id}/audit-chain`, { token: await tokenFor('auditor', 'budi') });
    expect(verified.body.anchor).toEqual(head ? { date: latest!.date, seq: head.seq, holds: true } : undefined);
  });
});
