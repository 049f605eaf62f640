import { ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import type { RegulationInput } from '../../shared/core/regulation/regulation';
import { rejectionReportRow } from '../../shared/documents/rejection-report';
import { api, tokenFor } from '../support/api';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/** Issue #11: a re-import never silently replaces a person, and residency is the regulation's policy. */

let admin: string;
let auditor: string;

beforeAll(async () => {
  [admin, auditor] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('auditor', 'budi')]);
});

async function regulation(id: string, residency?: RegulationInput['residency']): Promise<string> {
  const response = await api('PUT', `/regulations/${id}`, { token: admin, body: { ...tangselRegulation(id), ...(residency ? { residency } : {}) } });
  expect(response.status).toBe(200);
  return id;
}

/** The stored roster entry and its history items, straight from DynamoDB Local. */
async function storedPerson(nik: string): Promise<{ entry?: string; history: string[] }> {
  const dynamoDb = localDynamoDbClient(inject('dynamoDbEndpoint'));
  const { TableNames = [] } = await dynamoDb.send(new ListTablesCommand({}));
  const items = await dynamoDb.send(
    new QueryCommand({
      TableName: TableNames.find((name) => name.startsWith('DataMain')),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :cover)',
      ExpressionAttributeValues: { ':pk': { S: `PERSON#${nik}` }, ':cover': { S: 'COVER#2027' } },
    }),
  );
  const entry = items.Items?.find((item) => item.sk?.S === 'COVER#2027')?.name?.S;
  return { ...(entry ? { entry } : {}), history: (items.Items ?? []).filter((item) => item.sk?.S !== 'COVER#2027').map((item) => item.name!.S!) };
}

async function rows(importId: string, kind: 'rejected' | 'warning' = 'rejected'): Promise<any[]> {
  const response = await api('GET', `/imports/${importId}/rejections?kind=${kind}`, { token: admin });
  expect(response.status).toBe(200);
  return response.body.rows;
}

async function rosterTotal(id: string): Promise<number> {
  return (await api('GET', `/regulations/${id}/roster?year=2027`, { token: admin })).body.total;
}

describe('a re-import that gives a NIK another identity', () => {
  // Roster entries are one per NIK and year across regulations: each test has its own Juju.
  const jujuNik = (serial: number) => tangselNik('1980-05-17', 'L', serial);

  it('is rejected as IDENTITY_CONFLICT naming both rows, and changes nothing on the roster', async () => {
    const id = await regulation('perwal-identity-conflict');
    const juju = jujuNik(1101);
    const first = await importRoster(
      id,
      rosterCsv([
        personRow(tangselNik('1979-01-02', 'L', 1104), 'Asep Saepudin', '1979-01-02', 'L', 'KETUA_RT'),
        personRow(juju, 'Juju Kurniawan', '1980-05-17', 'L', 'KETUA_RT'), // row 3
      ]),
    );
    expect(first).toMatchObject({ status: 'completed', accepted: 2 });

    // The office "fixes" a rejected row by typing Juju's NIK for Imas; it also retypes Juju's own row.
    const fixed = await importRoster(
      id,
      rosterCsv([
        personRow(juju, 'Imas Masitoh', '1980-05-17', 'L', 'KETUA_RT'), // row 2
        personRow(tangselNik('1979-01-02', 'L', 1104), '  ASEP   saepudin ', '1979-01-02', 'L', 'KETUA_RT'), // same person
      ]),
    );
    expect(fixed).toMatchObject({ status: 'completed', processed: 2, accepted: 1, rejected: 1 });
    expect(fixed.segments.KETUA_RT?.rejected).toEqual({ IDENTITY_CONFLICT: 1 });
    expect(await rosterTotal(id)).toBe(2);
    expect(await storedPerson(juju)).toEqual({ entry: 'Juju Kurniawan', history: [] });

    const [rejected, ...others] = await rows(fixed.importId);
    expect(others).toEqual([]);
    expect(rejected.row).toBe(2);
    expect(rejected.values.name).toBe('Imas Masitoh');
    expect(rejected.problems).toEqual([expect.objectContaining({ reason: 'IDENTITY_CONFLICT', field: 'nik' })]);
    expect(rejected.problems[0].en).toBe(
      `This NIK is already on the roster as Juju Kurniawan (born 17 May 1980), from row 3 of import ${first.importId}. ` +
        'This row gives another name or birth date, so the existing data is not replaced.',
    );
    expect(rejected.problems[0].id).toContain(`atas nama Juju Kurniawan (lahir 17 Mei 1980), dari baris 3 impor ${first.importId}`);
    // The downloadable report carries the reason next to the office's row.
    expect(rejectionReportRow(rejected)).toEqual(expect.arrayContaining(['IDENTITY_CONFLICT', 'Imas Masitoh']));

    const events = await api('GET', `/audit-events?entity=regulation:${id}&person=3674********1101`, { token: auditor });
    expect(events.body.events).toEqual([]);
  });

  it('replaces the identity when the import says --update-identities, auditing old and new', async () => {
    const id = await regulation('perwal-identity-update');
    const juju = jujuNik(1102);
    const masked = '3674********1102';
    const first = await importRoster(id, rosterCsv([personRow(juju, 'Juju Kurniawan', '1980-05-17', 'L', 'KETUA_RT')]));
    expect(first.accepted).toBe(1);

    const updated = await importRoster(id, rosterCsv([personRow(juju, 'Imas Masitoh', '1980-05-17', 'L', 'KETUA_RT')]), { updateIdentities: true });
    expect(updated).toMatchObject({ status: 'completed', accepted: 1, rejected: 0, updateIdentities: true });
    expect(await rosterTotal(id)).toBe(1);
    expect(await storedPerson(juju)).toEqual({ entry: 'Imas Masitoh', history: ['Juju Kurniawan'] });

    const events = (await api('GET', `/audit-events?entity=regulation:${id}&person=${masked}`, { token: auditor })).body.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'roster.identity.updated',
      changes: [{ path: 'name', before: 'Juju Kurniawan', after: 'Imas Masitoh' }],
    });
    expect(events[0].summary).toContain(`Import ${updated.importId} (opened by ani with --update-identities) changed the name of NIK ${masked}`);
    expect(JSON.stringify(events)).not.toContain(juju);
    const opened = (await api('GET', `/audit-events?entity=regulation:${id}`, { token: auditor })).body.events;
    expect(opened.find((e: { summary: string }) => e.summary.startsWith(`Opened import ${updated.importId}`)).summary).toContain('allowed to update the names');
  });

  it('names two rows of one file that give one NIK two identities, keeping the first', async () => {
    const id = await regulation('perwal-identity-same-file');
    const juju = jujuNik(1103);
    const status = await importRoster(
      id,
      rosterCsv([
        personRow(juju, 'Juju Kurniawan', '1980-05-17', 'L', 'KETUA_RT'), // row 2
        personRow(juju, 'Imas Masitoh', '1980-05-17', 'L', 'KETUA_RT'), // row 3
      ]),
    );
    expect(status).toMatchObject({ accepted: 1, rejected: 1 });
    expect(status.segments.KETUA_RT?.rejected).toEqual({ IDENTITY_CONFLICT: 1 });
    const [rejected] = await rows(status.importId);
    expect(rejected.row).toBe(3);
    expect(rejected.problems[0].en).toMatch(/^This NIK is already used in row 2 of the same file, as Juju Kurniawan \(born 17 May 1980\)\./);
  });
});

describe("a NIK from outside the regulation's jurisdiction", () => {
  /** Born in Kabupaten Bogor (3201): outside Tangerang Selatan (3674). */
  const bogorNik = (serial: number) => `3201${tangselNik('1982-04-05', 'L', serial).slice(4)}`;
  const inside = (serial: number) => personRow(tangselNik('1983-06-07', 'L', serial), 'Warga Tangsel', '1983-06-07', 'L', 'KETUA_RT');

  it('is accepted with a warning by default, counted and shown on the row', async () => {
    const id = await regulation('perwal-residency-warn');
    const status = await importRoster(id, rosterCsv([inside(1201), personRow(bogorNik(1202), 'Warga Bogor', '1982-04-05', 'L', 'KETUA_RT')]));
    expect(status).toMatchObject({ status: 'completed', accepted: 2, rejected: 0, warnings: 1 });
    expect(status.segments.KETUA_RT).toEqual({ received: 2, accepted: 2, rejected: {}, warnings: { NIK_OUTSIDE_JURISDICTION: 1 } });
    expect(await rosterTotal(id)).toBe(2);

    expect(await rows(status.importId)).toEqual([]);
    const [warned, ...others] = await rows(status.importId, 'warning');
    expect(others).toEqual([]);
    expect(warned.row).toBe(3);
    expect(warned.problems).toEqual([expect.objectContaining({ reason: 'NIK_OUTSIDE_JURISDICTION', field: 'nik' })]);
    expect(warned.problems[0].id).toBe(
      'NIK 3201********1202 terdaftar di Kabupaten Bogor (3201), di luar wilayah peraturan ini (Kota Tangerang Selatan, 3674). ' +
        'Baris ini tetap diterima; pastikan orang ini memang berhak.',
    );
  });

  it('is rejected under residency: require, naming its region and the jurisdiction', async () => {
    const id = await regulation('perwal-residency-require', 'require');
    const status = await importRoster(id, rosterCsv([inside(1211), personRow(bogorNik(1212), 'Warga Bogor', '1982-04-05', 'L', 'KETUA_RT')]));
    expect(status).toMatchObject({ accepted: 1, rejected: 1, warnings: 0 });
    expect(status.segments.KETUA_RT?.rejected).toEqual({ NIK_OUTSIDE_JURISDICTION: 1 });
    const [rejected] = await rows(status.importId);
    expect(rejected.problems[0].en).toBe(
      "NIK 3201********1212 is registered in Kabupaten Bogor (3201), outside this regulation's jurisdiction (Kota Tangerang Selatan, 3674). " +
        'This regulation covers residents of its region only, so the row is rejected.',
    );
    expect(await rows(status.importId, 'warning')).toEqual([]);
  });

  it('says nothing under residency: ignore', async () => {
    const id = await regulation('perwal-residency-ignore', 'ignore');
    const status = await importRoster(id, rosterCsv([inside(1221), personRow(bogorNik(1222), 'Warga Bogor', '1982-04-05', 'L', 'KETUA_RT')]));
    expect(status).toMatchObject({ accepted: 2, rejected: 0, warnings: 0 });
    expect(status.segments.KETUA_RT).toEqual({ received: 2, accepted: 2, rejected: {} });
    expect(await rows(status.importId, 'warning')).toEqual([]);
  });
});
