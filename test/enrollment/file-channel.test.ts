import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { REGISTRATION_FILE_HEADER } from '../../shared/documents/enrollment-files/registration-file';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import { api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { runPeople, waitForRun } from '../support/enrollment';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/**
 * A regulation whose office exchanges files with its BPJS branch (insurerChannel: file): the run
 * goes through the same ledger as the partner API's, with the branch's member file as the insurer.
 */
const REGULATION_ID = 'enroll-file-channel';
const PER_PERSON = 16_800 * 12;
const SEGMENTS = { KETUA_RT: 30, MARBOT: 6 };
const PEOPLE = 36;

const execute = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-file-channel-'));

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
});

const lindung = (args: string[]) => execute(lindungBin, args, { env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: admin } });

async function cellsOf(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readSpreadsheet(file)) rows.push(row.cells.map((cell) => cell.text));
  return rows;
}

/** A member file as a branch might send it back: `;`-separated, the columns Lindung reads and a name. */
function memberFile(name: string, rows: readonly (readonly string[])[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [['NIK', 'Nama', 'KPJ', 'Status', 'Alasan'], ...rows].map((cells) => cells.join(';')).join('\r\n'));
  return file;
}

/** KPJ numbers the insurer simulator never issues (its own start at 10000000001). */
const branchKpj = (i: number) => `99${String(i).padStart(9, '0')}`;

describe('the file channel', () => {
  it('enrolls from the branch\'s member file through the same ledger: refusals and the unanswered are refunded, and a retry after a corrected file enrolls only them', async () => {
    const regulation = { ...tangselRegulation(REGULATION_ID), insurerChannel: 'file' };
    expect((await api('PUT', `/regulations/${REGULATION_ID}`, { token: admin, body: regulation })).status).toBe(200);
    // District 31 of Tangerang Selatan (serials from 299,971): no other test's roster reaches it.
    const roster = path.join(dir, 'roster.csv');
    await writeSyntheticRoster(roster, { segments: SEGMENTS, regionCode: '3674', badShare: 0, seed: 1301, firstSerial: 299_970 });
    expect(await importRoster(REGULATION_ID, roster)).toMatchObject({ status: 'completed', accepted: PEOPLE, rejected: 0 });
    const proposed = await propose(admin, { regulationId: REGULATION_ID, year: 2027, cohort: 'original' });
    const decided = await api('POST', `/proposals/${proposed.proposalId}/decision`, { token: finance, body: { decision: 'approve' } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const proposal = await waitForProposal(admin, proposed.proposalId, ['allocating']);
    expect(proposal).toMatchObject({ status: 'approved', approvedAmount: PEOPLE * PER_PERSON });
    const proposalId: string = proposal.proposalId;

    // The registration file: one row per funded person, every column a branch needs, the NIK as text.
    const registration = path.join(dir, 'pendaftaran.xlsx');
    const exported = await lindung(['enroll', 'registration-file', '--proposal', proposalId, '-o', registration]);
    expect(exported.stdout).toContain(`${PEOPLE} people written to ${registration}`);
    const [header, ...rows] = await cellsOf(registration);
    expect(header).toEqual([...REGISTRATION_FILE_HEADER]);
    expect(rows).toHaveLength(PEOPLE);
    const funded = new Map<string, any>();
    for (const segment of Object.keys(SEGMENTS)) {
      for (let bucket = 0; bucket < 32; bucket++) {
        const page = await api('GET', `/proposals/${proposalId}/people?segment=${segment}&bucket=${bucket}`, { token: admin });
        for (const person of page.body.people) funded.set(person.nik, { ...person, segment });
      }
    }
    for (const [nik, name, birthDate, gender, segment, programs, start, end, wadah] of rows as string[][]) {
      const person = funded.get(nik!);
      expect(person, `row of ${nik}`).toBeDefined();
      expect({ name, birthDate, gender, segment }).toEqual({ name: person.name, birthDate: person.birthDate, gender: person.gender, segment: person.segment });
      expect([programs, start, end, wadah]).toEqual(['JKK+JKM', '2027-01-01', '2027-12-31', 'SG']);
    }
    expect(new Set(rows.map((row) => row[0])).size).toBe(PEOPLE);

    // The branch registers everyone but two: one refused, one not answered yet.
    const [refused, leftOut, ...registered] = rows as string[][];
    const answered = await lindung([
      'enroll',
      'member-file',
      '--proposal',
      proposalId,
      memberFile('anggota.csv', [
        [refused![0]!, refused![1]!, '', 'ditolak', 'Sudah terdaftar di wadah lain'],
        ...registered.map((row, i) => [row[0]!, row[1]!, branchKpj(i), 'terdaftar', '']),
      ]),
    ]);
    expect(answered.stdout).toContain(`${PEOPLE - 1} answers stored for proposal ${proposalId}: ${PEOPLE - 2} registered, 1 refused.`);

    const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId: string = started.body.runId;
    const run = await waitForRun(admin, runId);
    expect(run).toMatchObject({ status: 'completed-with-failures', attempt: 1, counts: { planned: PEOPLE, enrolled: PEOPLE - 2, failed: 2, skipped: 0, remaining: 0 } });
    expect([...run.failureReasons].sort((a: any, b: any) => a.reason.localeCompare(b.reason))).toEqual([
      { reason: 'AWAITING_BRANCH', people: 1 },
      { reason: 'REFUSED_BY_BRANCH', people: 1 },
    ]);
    expect(run.committedAmount).toBe(PEOPLE * PER_PERSON - 2 * PER_PERSON);

    // The ledger holds the branch's KPJ numbers, with the cover asked for.
    const kpjOfFile = new Map(registered.map((row, i) => [row[0]!, branchKpj(i)]));
    const enrolled = await runPeople(admin, runId, 'enrolled');
    expect(new Map(enrolled.map((person) => [person.nik, person.kpj]))).toEqual(kpjOfFile);
    for (const person of enrolled) expect(person).toMatchObject({ coverageStart: '2027-01-01', coverageEnd: '2027-12-31' });
    const failed = new Map((await runPeople(admin, runId, 'failed')).map((person) => [person.nik, person]));
    expect(failed.size).toBe(2);
    expect(failed.get(refused![0]!)).toMatchObject({ reason: 'REFUSED_BY_BRANCH', message: expect.stringContaining('Sudah terdaftar di wadah lain') });
    expect(failed.get(leftOut![0]!)).toMatchObject({ reason: 'AWAITING_BRANCH' });
    expect(failed.get(leftOut![0]!).message).toContain(`npx lindung enroll member-file --proposal ${proposalId} FILE`);
    expect(failed.get(leftOut![0]!).message).toContain(`npx lindung enroll retry ${runId} --wait`);

    // A corrected member file answers the left-out person; the retry enrolls them, and only them.
    const corrected = await lindung(['enroll', 'member-file', '--proposal', proposalId, memberFile('anggota-susulan.csv', [[leftOut![0]!, leftOut![1]!, branchKpj(999), 'Terdaftar', '']])]);
    expect(corrected.stdout).toContain(`1 answer stored for proposal ${proposalId}: 1 registered, 0 refused.`);
    expect((await api('POST', `/enrollment-runs/${runId}/retry-failed`, { token: admin, body: { attempt: 1 } })).status).toBe(202);
    const retried = await waitForRun(admin, runId);
    expect(retried).toMatchObject({ status: 'completed-with-failures', attempt: 2, counts: { planned: PEOPLE, enrolled: PEOPLE - 1, failed: 1, skipped: 0 } });
    expect(retried.failureReasons).toEqual([{ reason: 'REFUSED_BY_BRANCH', people: 1 }]);
    expect(retried.committedAmount).toBe(run.committedAmount + PER_PERSON);
    const enrolledAfter = await runPeople(admin, runId, 'enrolled');
    expect(new Map(enrolledAfter.map((person) => [person.nik, person.kpj]))).toEqual(new Map([...kpjOfFile, [leftOut![0]!, branchKpj(999)]]));
    expect(enrolledAfter).toHaveLength(PEOPLE - 1);

    // The partner API (the suite's insurer simulator) was never called: it still holds nobody of
    // these people, so it registers all of them under another account instead of answering
    // REGISTERED_ELSEWHERE.
    const probe = await fetch(`${inject('insurerUrl')}/v1/collective-accounts/FILE-CHANNEL-PROBE/registrations:batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'lindung-local-insurer-key', 'idempotency-key': 'file-channel-probe-1301' },
      body: JSON.stringify({
        wadahCode: 'SG',
        people: rows.map(([nik, name, birthDate, gender, segment]) => ({ nik, name, birthDate, gender, programs: ['JKK', 'JKM'], coverageStart: '2027-01-01', coverageEnd: '2027-12-31', segment })),
      }),
    });
    expect(probe.status).toBe(200);
    const { results } = (await probe.json()) as { results: { outcome: string }[] };
    expect(results.map((result) => result.outcome)).toEqual(rows.map(() => 'registered'));
  }, 180_000);
});
