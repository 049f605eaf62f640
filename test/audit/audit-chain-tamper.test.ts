import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { verifyChain } from '../../shared/core/audit/audit-chain';
import type { AuditTrail } from '../../shared/core/audit/audit-trail';
import { amendRegulation, api, tokenFor } from '../support/api';
import { useLocalTables } from '../support/local-tables';
import { tangselRegulation } from '../support/tangsel';

/**
 * The audit trail as the running system writes it, hash-chained per regulation: intact after real
 * changes (some of them at the same moment), and tampering found when an event is edited or
 * deleted directly in DynamoDB Local, behind the API's back.
 */

const suffix = Date.now().toString(36);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const execute = promisify(execFile);
let trail: AuditTrail;
let raw: DynamoDBDocumentClient;
let admin: string;

beforeAll(async () => {
  await useLocalTables();
  const { DynamoDbAuditTrail } = await import('../../shared/adapters/dynamodb/dynamodb-audit-trail');
  trail = new DynamoDbAuditTrail();
  raw = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
  admin = await tokenFor('admin', 'ani');
});

/** A regulation with a few versions and budget requests, some sent at once: events on its chain. */
async function regulationWithHistory(id: string): Promise<void> {
  const document = tangselRegulation(id);
  expect((await api('PUT', `/regulations/${id}`, { token: admin, body: document })).status).toBe(200);
  for (const target of [100, 200]) {
    const amendment: typeof document = { ...document, segments: document.segments.map((s, i) => (i === 0 ? { ...s, targetHeadcount: target } : s)) as typeof document.segments };
    const amended = await amendRegulation(amendment, admin);
    expect(amended.status).toBe(200);
  }
  // Four writers on one chain at the same moment: each must land at its own place, none forked.
  const requests = await Promise.all(
    [1, 2, 3, 4].map((n) => api('POST', '/proposals', { token: admin, body: { regulationId: id, year: 2027 + n, cohort: 'original', clientToken: `chain-${id}-${n}` } })),
  );
  for (const request of requests) expect(request.status, JSON.stringify(request.body)).toBe(202);
}

const verify = (id: string) => verifyChain(id, trail.chain(id));

async function eventAt(id: string, seq: number): Promise<{ pk: string; sk: string }> {
  const { Items } = await raw.send(new QueryCommand({ TableName: process.env.AUDIT_TABLE, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `CHAIN#${id}`, ':sk': String(seq).padStart(12, '0') } }));
  const link = Items![0]!;
  return { pk: `${link.entityType}#${link.entityId}`, sk: `${link.at}#${link.eventId}` };
}

describe("a regulation's hash-chained audit trail", () => {
  it('verifies intact after real changes, four of them at once', async () => {
    const id = `perwal-chain-intact-${suffix}`;
    await regulationWithHistory(id);
    const result = await verify(id);
    expect(result.broken).toBeUndefined();
    expect(result.events).toBeGreaterThanOrEqual(7);
    expect(result.verifiedUpTo?.seq).toBe(result.events);
    const { stdout } = await execute(lindungBin, ['audit', 'verify', '--regulation', id], { env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: await tokenFor('auditor', 'budi') } });
    // The proposals' workflows go on adding events meanwhile: the chain only grows, still whole.
    expect(stdout).toMatch(new RegExp(`^${id}: \\d+ events, verified up to event \\d+ of `, 'm'));
  });

  it('names the event edited directly in the table', async () => {
    const id = `perwal-chain-edited-${suffix}`;
    await regulationWithHistory(id);
    const edited = await eventAt(id, 2);
    await raw.send(new UpdateCommand({ TableName: process.env.AUDIT_TABLE, Key: edited, UpdateExpression: 'SET summary = :s', ExpressionAttributeValues: { ':s': 'Nothing happened here' } }));
    const result = await verify(id);
    expect(result.broken).toMatchObject({ seq: 2, reason: expect.stringContaining('was changed after it was recorded') });
    expect(result.verifiedUpTo?.seq).toBe(1);

    // The same through the API and `lindung audit verify`, which exits 1 and names the link.
    const auditor = await tokenFor('auditor', 'budi');
    expect((await api('GET', `/regulations/${id}/audit-chain`, { token: auditor })).body).toMatchObject({ broken: { seq: 2 } });
    const cli = await execute(lindungBin, ['audit', 'verify', '--regulation', id], { env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: auditor } }).then(
      () => ({ code: 0, stdout: '' }),
      (failure: { code: number; stdout: string }) => failure,
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`${id}: BROKEN at event 2: event 2`);
  });

  it('names the event deleted directly from the table', async () => {
    const id = `perwal-chain-deleted-${suffix}`;
    await regulationWithHistory(id);
    await raw.send(new DeleteCommand({ TableName: process.env.AUDIT_TABLE, Key: await eventAt(id, 3) }));
    expect((await verify(id)).broken).toMatchObject({ seq: 3, reason: expect.stringContaining('was deleted') });
  });
});
