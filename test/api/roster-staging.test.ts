import { ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { nikBucket } from '../../shared/core/people/nik-bucket';
import { api, tokenFor } from '../support/api';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

let admin: string;

beforeAll(async () => {
  admin = await tokenFor('admin', 'ani');
});

async function regulation(id: string): Promise<string> {
  const response = await api('PUT', `/regulations/${id}`, { token: admin, body: tangselRegulation(id) });
  expect(response.status).toBe(200);
  return id;
}

/** `count` rows that all carry the same NIK text, so that they all hash to one NIK bucket. */
function rowsWithNik(nik: string, count: number): string[][] {
  return Array.from({ length: count }, (_, i) => personRow(nik, `Warga ${i + 1}`, '1980-05-17', 'L', 'KETUA_RT'));
}

/** Every rejection of an import, page by page. */
async function allRejections(importId: string): Promise<{ row: number; problems: { reason: string }[] }[]> {
  const rows = [];
  let cursor: string | undefined;
  do {
    const page = await api('GET', `/imports/${importId}/rejections${cursor ? `?cursor=${cursor}` : ''}`, { token: admin });
    expect(page.status).toBe(200);
    rows.push(...page.body.rows);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}

describe('staging holds a file whatever its NIK distribution', () => {
  // Each file's rows all land in one NIK bucket: a chunk's rows of that bucket are ~1 MB of JSON,
  // more than DynamoDB's 400 KB item, so staging must split them.
  it.each([
    ['5,000 rows whose NIK Excel turned into 3.67401E+15', '3.67401E+15', 5_000, 'NIK_EXCEL_SCIENTIFIC'],
    ['3,000 rows with an empty NIK', '', 3_000, 'NIK_MISSING'],
  ])('%s complete, every row rejected with its reason', async (_, nik, count, reason) => {
    const id = await regulation(`perwal-staging-${reason.toLowerCase().replaceAll('_', '-')}`);
    const status = await importRoster(id, rosterCsv(rowsWithNik(nik, count)));
    expect(status).toMatchObject({ status: 'completed', processed: count, accepted: 0, rejected: count });
    expect(status.segments.KETUA_RT?.rejected).toEqual({ [reason]: count });

    const rejections = await allRejections(status.importId);
    expect(rejections.map((r) => r.row)).toEqual(Array.from({ length: count }, (_, i) => i + 2));
    expect(rejections.every((r) => r.problems.some((p) => p.reason === reason))).toBe(true);
  }, 120_000);

  it('reads a chunk only as it was received, never rows an earlier attempt staged before failing', async () => {
    const id = await regulation('perwal-staging-ghost');
    const created = await api('POST', `/regulations/${id}/imports`, {
      token: admin,
      body: { fileName: 'roster.csv', coverageStart: '2027-01-01', clientToken: 'token-staging-ghost-01' },
    });
    const importId = created.body.importId;
    // An earlier attempt at chunk 0, with other rows (the file was edited before --resume),
    // staged its part and failed before the chunk record was written.
    const ghost = tangselNik('1981-06-18', 'L', 402);
    const dynamoDb = localDynamoDbClient(inject('dynamoDbEndpoint'));
    const { TableNames = [] } = await dynamoDb.send(new ListTablesCommand({}));
    await dynamoDb.send(
      new PutItemCommand({
        TableName: TableNames.find((name) => name.startsWith('DataMain'))!,
        Item: {
          pk: { S: `IMPORT#${importId}#B${String(nikBucket(ghost)).padStart(2, '0')}` },
          sk: { S: `C#000000#${'f'.repeat(16)}#000` },
          rows: { S: JSON.stringify([{ row: 3, values: { nik: ghost, name: 'Hantu', segment: 'KETUA_RT' } }]) },
        },
      }),
    );
    const rows = [{ row: 2, values: { nik: tangselNik('1980-05-17', 'L', 401), name: 'Ahmad', segment: 'KETUA_RT' } }];
    expect((await api('PUT', `/imports/${importId}/chunks/0`, { token: admin, body: { rows } })).status).toBe(200);
    expect((await api('POST', `/imports/${importId}/complete`, { token: admin, body: { chunks: 1, rows: 1 } })).status).toBe(202);

    let status: { status: string; processed: number } | undefined;
    for (let i = 0; i < 300 && status?.status !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await api('GET', `/imports/${importId}`, { token: admin })).body;
    }
    expect(status).toMatchObject({ status: 'completed', processed: 1 });
  });
});
