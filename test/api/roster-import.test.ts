import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteItemCommand, GetItemCommand, ListTablesCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { XlsxWriter } from '../../shared/documents/spreadsheets/xlsx-writer';
import { ROSTER_HEADER, writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

let admin: string;

async function regulation(id: string): Promise<string> {
  const response = await api('PUT', `/regulations/${id}`, { token: admin, body: tangselRegulation(id) });
  expect(response.status).toBe(200);
  return id;
}

beforeAll(async () => {
  admin = await tokenFor('admin', 'ani');
});

describe('importing a roster', () => {
  it('accepts a clean synthetic roster, counts every row, and records the roster version', async () => {
    const id = await regulation('perwal-roster-clean');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-')), 'roster.csv');
    const segments = { KETUA_RT: 120, KETUA_RW: 30, GURU_MENGAJI: 60, MARBOT: 20, AMIL_JENAZAH: 20, KADER_KESEHATAN: 150 };
    // District 09 (serials from 80,000): people of the shared test stack are the whole deployment's,
    // and no other test's roster reaches that district, so none of these is covered elsewhere.
    const generated = await writeSyntheticRoster(file, { segments, regionCode: '3674', seed: 7, badShare: 0.05, firstSerial: 80_000 });
    const status = await importRoster(id, file);
    expect(status.status).toBe('completed');
    expect(status.processed).toBe(generated.rows);
    expect(status.accepted + status.rejected).toBeGreaterThanOrEqual(generated.rows);
    expect(status.accepted).toBeGreaterThan(generated.rows - generated.bad - 1);
    expect(status.accepted).toBeLessThanOrEqual(generated.rows - generated.bad);

    const summary = await api('GET', `/regulations/${id}/roster?year=2027`, { token: admin });
    expect(summary.body.version).toBe(1);
    expect(summary.body.total).toBe(status.accepted);
    const perSegment = Object.fromEntries(Object.entries(status.segments).map(([code, counts]) => [code, counts.accepted]));
    for (const [code, count] of Object.entries(summary.body.segments)) expect(count).toBe(perSegment[code] ?? 0);
  });

  it('deduplicates within a file, across segments by priority, and against other regulations', async () => {
    const first = await regulation('perwal-roster-dedupe-a');
    const other = await regulation('perwal-roster-dedupe-b');
    const rt = tangselNik('1980-05-17', 'L', 11);
    const twice = tangselNik('1975-02-03', 'P', 12);
    const covered = tangselNik('1985-08-17', 'L', 13);
    // Already on another regulation's roster for 2027.
    await importRoster(other, rosterCsv([personRow(covered, 'Sudah Terdaftar', '1985-08-17', 'L', 'KETUA_RW')]));

    const status = await importRoster(
      first,
      rosterCsv([
        personRow(rt, 'Ahmad Fauzi', '1980-05-17', 'L', 'MARBOT'), // row 2: loses to row 4's higher priority
        personRow(twice, 'Dua Kali', '1975-02-03', 'P', 'GURU_MENGAJI'), // row 3: kept
        personRow(rt, 'Ahmad Fauzi', '1980-05-17', 'L', 'KETUA_RT'), // row 4: the same person, kept (priority 1)
        personRow(twice, 'Dua Kali', '1975-02-03', 'P', 'GURU_MENGAJI'), // row 5: duplicate of row 3
        personRow(covered, 'Sudah Terdaftar', '1985-08-17', 'L', 'KETUA_RT'), // row 6: covered elsewhere
      ]),
    );
    expect(status.status).toBe('completed');
    expect(status.accepted).toBe(2);
    expect(status.segments.MARBOT?.rejected).toEqual({ DUPLICATE_LOWER_PRIORITY_SEGMENT: 1 });
    expect(status.segments.GURU_MENGAJI?.rejected).toEqual({ DUPLICATE_IN_FILE: 1 });
    expect(status.segments.KETUA_RT?.rejected).toEqual({ COVERED_BY_OTHER_REGULATION: 1 });

    const rejections = await api('GET', `/imports/${status.importId}/rejections`, { token: admin });
    const byRow = Object.fromEntries(rejections.body.rows.map((r: { row: number; problems: { reason: string }[] }) => [r.row, r.problems[0]!.reason]));
    expect(byRow).toEqual({ 2: 'DUPLICATE_LOWER_PRIORITY_SEGMENT', 5: 'DUPLICATE_IN_FILE', 6: 'COVERED_BY_OTHER_REGULATION' });
    for (const row of rejections.body.rows) {
      expect(row.problems[0].id).not.toBe('');
      expect(row.problems[0].en).not.toBe('');
      expect(JSON.stringify(row.problems)).not.toMatch(/\d{16}/);
    }
  });

  it('lets an office fix the rejection report and import it again; the entry keeps its history', async () => {
    const id = await regulation('perwal-roster-fix');
    const nik = tangselNik('1990-01-10', 'L', 21);
    const first = await importRoster(
      id,
      rosterCsv([
        personRow(nik, 'Budi', '1990-01-10', 'L', 'KETUA_RT'),
        ['3,67401E+15', 'Rusak Excel', '10/01/1990', 'L', '', '', '', '', 'KETUA_RT'],
        [tangselNik('1991-03-04', 'L', 22), '"=HYPERLINK(""http://x"")"', '04/03/1991', 'P', '', '', '', '', 'KETUA_RT'],
      ]),
    );
    expect(first.accepted).toBe(1);
    expect(first.segments.KETUA_RT?.rejected).toEqual({ NIK_EXCEL_SCIENTIFIC: 1, GENDER_MISMATCH: 1 });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-report-'));
    for (const format of ['csv', 'xlsx']) {
      const report = path.join(dir, `ditolak.${format}`);
      execFileSync(path.resolve('bin/lindung.mjs'), ['roster', 'rejections', first.importId, '-o', report], {
        env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin },
      });
      const rows = [];
      for await (const row of readSpreadsheet(report)) rows.push(row.cells.map((c) => c.text));
      expect(rows[0]).toEqual(expect.arrayContaining(['Baris', 'NIK', 'Nama', 'Kode Alasan', 'Alasan', 'Reason']));
      expect(rows).toHaveLength(3);
      const formulaRow = rows.find((r) => r.includes('GENDER_MISMATCH'))!;
      // Formula-escaped in CSV; an XLSX cell holds it as text, with no quote to creep back into the roster.
      expect(formulaRow).toContain(format === 'csv' ? `'=HYPERLINK("http://x")` : '=HYPERLINK("http://x")');
    }

    // The office fixes the rows (and Budi's phone number): the re-import upserts by NIK.
    const fixed = await importRoster(
      id,
      rosterCsv([
        personRow(nik, 'Budi', '1990-01-10', 'L', 'KETUA_RT').with(7, '081298765432'),
        personRow(tangselNik('1990-02-10', 'L', 23), 'Andi', '1990-02-10', 'L', 'KETUA_RT'),
        personRow(tangselNik('1991-03-04', 'L', 22), 'Joko', '1991-03-04', 'L', 'KETUA_RT'),
      ]),
    );
    expect(fixed.accepted).toBe(3);
    const summary = await api('GET', `/regulations/${id}/roster?year=2027`, { token: admin });
    expect(summary.body).toMatchObject({ version: 2, total: 3 });

    const dynamoDb = localDynamoDbClient(inject('dynamoDbEndpoint'));
    const { TableNames = [] } = await dynamoDb.send(new ListTablesCommand({}));
    const history = await dynamoDb.send(
      new QueryCommand({
        TableName: TableNames.find((name) => name.startsWith('DataMain')),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': { S: `PERSON#${nik}` }, ':h': { S: 'COVER#2027#H#' } },
      }),
    );
    expect(history.Items?.map((item) => item.name?.S)).toEqual(['Budi']);
  });

  it('checks the age window at coverage start and honours --segment for one file per segment', async () => {
    const id = await regulation('perwal-roster-segment-file');
    const status = await importRoster(
      id,
      rosterCsv(
        [
          [tangselNik('2010-06-01', 'L', 31), 'Terlalu Muda', '01/06/2010'],
          [tangselNik('1961-06-01', 'P', 32), 'Sudah 65', '01/06/1961'],
          [tangselNik('1960-06-01', 'L', 33), 'Sudah 66', '01/06/1960'],
        ],
        ['NIK', 'Nama', 'Tgl Lahir'],
      ),
      { segment: 'MARBOT' },
    );
    expect(status.segments.MARBOT).toEqual({
      received: 3,
      accepted: 1,
      rejected: { AGE_BELOW_MINIMUM: 1, AGE_ABOVE_MAXIMUM: 1 },
    });
  });
});

describe('XLSX rosters', () => {
  it('imports an XLSX written by a spreadsheet program (shared strings, date cells, a blank row)', async () => {
    const id = await regulation('perwal-roster-xlsx-fixture');
    const status = await importRoster(id, path.resolve('test/spreadsheets/fixtures/roster-libreoffice.xlsx'), { segment: 'KETUA_RT' });
    expect(status).toMatchObject({ status: 'completed', processed: 4 });
    // Row 5 has no name; the others' date cells disagree with their NIKs' birth dates.
    expect(status.segments.KETUA_RT?.rejected).toMatchObject({ NAME_MISSING: 1, BIRTH_DATE_MISMATCH: 4 });
  });

  it('imports an XLSX roster the same as the CSV of the same rows', async () => {
    const id = await regulation('perwal-roster-xlsx');
    const rows = [
      personRow(tangselNik('1980-05-17', 'L', 61), 'Satu', '1980-05-17', 'L', 'KETUA_RT'),
      personRow(tangselNik('1981-06-18', 'P', 62), 'Dua', '1981-06-18', 'P', 'KETUA_RW'),
      personRow(tangselNik('1982-07-19', 'L', 63), 'Tiga', '1982-07-19', 'P', 'MARBOT'),
    ];
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-xlsx-')), 'roster.xlsx');
    const writer = new XlsxWriter(createWriteStream(file), 'Roster');
    for (const row of [ROSTER_HEADER, ...rows]) await writer.writeRow(row);
    await writer.close();
    const status = await importRoster(id, file);
    expect(status).toMatchObject({ status: 'completed', processed: 3, accepted: 2, rejected: 1 });
    expect(status.segments.MARBOT?.rejected).toEqual({ GENDER_MISMATCH: 1 });
  });
});

describe('bad input', () => {
  it('refuses a file before storing anything, saying what is wrong', async () => {
    const id = await regulation('perwal-roster-bad-files');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bad-'));
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /empty/i],
      ['header-only.csv', 'NIK;Nama\r\n', /no rows/i],
      ['no-nik.csv', 'Nama;Alamat\r\nBudi;Jl. A\r\n', /NIK/],
      ['picture.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), /type|PNG|image/i],
      ['latin1.csv', Buffer.concat([Buffer.from('NIK;Nama\r\n3674011001900001;Budi\r\n3674011001900002;'), Buffer.from([0xe9, 0xff]), Buffer.from('\r\n')]), /UTF-8/],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /xls/i],
    ];
    for (const [name, content, message] of cases) {
      await expect(importRoster(id, write(name, content)), name).rejects.toThrow(message);
    }
    const imports = await api('GET', `/regulations/${id}/imports`, { token: admin });
    expect(imports.body.imports).toEqual([]);
  });

  it('refuses a roster import to finance (403) and an import of an unknown segment (400)', async () => {
    const id = await regulation('perwal-roster-roles');
    const finance = await tokenFor('finance');
    const body = { fileName: 'x.csv', coverageStart: '2027-01-01', clientToken: 'token-roles-0001' };
    const refused = await api('POST', `/regulations/${id}/imports`, { token: finance, body });
    expect(refused.status).toBe(403);
    const unknown = await api('POST', `/regulations/${id}/imports`, { token: admin, body: { ...body, segment: 'NOPE' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].path).toBe('segment');
  });
});

describe('retries and interruptions', () => {
  it('creates one import per client token, stores a re-sent chunk once, and refuses a changed one', async () => {
    const id = await regulation('perwal-roster-retries');
    const body = { fileName: 'x.csv', coverageStart: '2027-01-01', clientToken: 'token-retries-0001' };
    const created = await api('POST', `/regulations/${id}/imports`, { token: admin, body });
    const again = await api('POST', `/regulations/${id}/imports`, { token: admin, body });
    expect(created.status).toBe(201);
    expect(again.body.importId).toBe(created.body.importId);

    const importId = created.body.importId;
    const rows = [{ row: 2, values: { nik: tangselNik('1980-01-01', 'L', 41), name: 'Satu', segment: 'KETUA_RT' } }];
    expect((await api('PUT', `/imports/${importId}/chunks/0`, { token: admin, body: { rows } })).body.alreadyReceived).toBe(false);
    expect((await api('PUT', `/imports/${importId}/chunks/0`, { token: admin, body: { rows } })).body.alreadyReceived).toBe(true);
    const changed = await api('PUT', `/imports/${importId}/chunks/0`, { token: admin, body: { rows: [{ ...rows[0], row: 3 }] } });
    expect(changed.status).toBe(409);

    const incomplete = await api('POST', `/imports/${importId}/complete`, { token: admin, body: { chunks: 2, rows: 2 } });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.message).toContain('--resume');
    expect((await api('GET', `/imports/${importId}`, { token: admin })).body.status).toBe('receiving');

    const completed = await api('POST', `/imports/${importId}/complete`, { token: admin, body: { chunks: 1, rows: 1 } });
    expect(completed.status).toBe(202);
    const repeated = await api('POST', `/imports/${importId}/complete`, { token: admin, body: { chunks: 1, rows: 1 } });
    expect(repeated.status).toBe(202);
  });

  it('shows a failed import as failed with its reason, and finishes it when started again', async () => {
    const id = await regulation('perwal-roster-failed');
    const created = await api('POST', `/regulations/${id}/imports`, {
      token: admin,
      body: { fileName: 'roster.csv', coverageStart: '2027-01-01', clientToken: 'token-failed-0001' },
    });
    const importId = created.body.importId;
    const rows = [{ row: 2, values: { nik: tangselNik('1983-03-03', 'L', 71), name: 'Gagal Dulu', segment: 'KETUA_RT' } }];
    await api('PUT', `/imports/${importId}/chunks/0`, { token: admin, body: { rows } });

    // Take away the regulation version the shards need, so that every shard fails.
    const dynamoDb = localDynamoDbClient(inject('dynamoDbEndpoint'));
    const { TableNames = [] } = await dynamoDb.send(new ListTablesCommand({}));
    const table = TableNames.find((name) => name.startsWith('DataMain'))!;
    const key = { pk: { S: `REG#${id}` }, sk: { S: 'V#000001' } };
    const { Item: version } = await dynamoDb.send(new GetItemCommand({ TableName: table, Key: key }));
    await dynamoDb.send(new DeleteItemCommand({ TableName: table, Key: key }));

    await api('POST', `/imports/${importId}/complete`, { token: admin, body: { chunks: 1, rows: 1 } });
    let status: any;
    for (let i = 0; i < 400 && status?.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await api('GET', `/imports/${importId}`, { token: admin })).body;
    }
    expect(status.status).toBe('failed');
    expect(status.failure).toContain('does not exist');

    await dynamoDb.send(new PutItemCommand({ TableName: table, Item: version! }));
    const resumed = await importRoster(id, rosterCsv([personRow(tangselNik('1983-03-03', 'L', 71), 'Gagal Dulu', '1983-03-03', 'L', 'KETUA_RT')]), { resume: importId });
    expect(resumed).toMatchObject({ status: 'completed', accepted: 1, attempt: 1 });
  }, 60_000);

  it('resumes an import whose upload stopped halfway', async () => {
    const id = await regulation('perwal-roster-resume');
    const file = rosterCsv([personRow(tangselNik('1982-04-05', 'L', 51), 'Lanjut', '1982-04-05', 'L', 'KETUA_RT')]);
    const created = await api('POST', `/regulations/${id}/imports`, {
      token: admin,
      body: { fileName: 'roster.csv', coverageStart: '2027-01-01', clientToken: 'token-resume-0001' },
    });
    // Nothing was sent before the "crash"; --resume sends every chunk and completes.
    const status = await importRoster(id, file, { resume: created.body.importId });
    expect(status).toMatchObject({ importId: created.body.importId, status: 'completed', accepted: 1 });
  });
});
