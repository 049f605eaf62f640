import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { importRoster, personRow, rosterCsv } from '../support/roster-files';
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
});
