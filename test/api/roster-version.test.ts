import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api';
import { propose } from '../support/budget';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
});

const people = [
  personRow(tangselNik('1980-05-17', 'L', 301), 'Ahmad', '1980-05-17', 'L', 'KETUA_RT'),
  personRow(tangselNik('1975-02-03', 'P', 302), 'Dewi', '1975-02-03', 'P', 'KETUA_RT'),
  personRow(tangselNik('1985-08-17', 'L', 303), 'Joko', '1985-08-17', 'L', 'GURU_MENGAJI'),
];

async function rosterVersion(regulationId: string): Promise<number> {
  return (await api('GET', `/regulations/${regulationId}/roster?year=2027`, { token: admin })).body.version;
}

async function staleness(proposalId: string): Promise<{ stale: boolean; staleBecause?: string[] }> {
  const { body } = await api('GET', `/proposals/${proposalId}`, { token: finance });
  return { stale: body.stale, ...(body.staleBecause ? { staleBecause: body.staleBecause } : {}) };
}

describe('the roster version moves only when the funded roster changes', () => {
  it('an import that accepts no one, or re-imports the same rows, leaves a pending proposal valid; a changed person makes it stale', async () => {
    const id = tangselRegulation('perwal-roster-version').id;
    expect((await api('PUT', `/regulations/${id}`, { token: admin, body: tangselRegulation(id) })).status).toBe(200);
    expect(await importRoster(id, rosterCsv(people))).toMatchObject({ status: 'completed', accepted: 3 });
    expect(await rosterVersion(id)).toBe(1);
    const proposal = await propose(admin, { regulationId: id, year: 2027, cohort: 'original' });
    expect(proposal.stale).toBe(false);

    const allRejected = await importRoster(id, rosterCsv([['3.67401E+15', 'Rusak', '17/05/1980', 'L', '', '', '', '', 'KETUA_RT'], ['', 'Kosong', '17/05/1980', 'L', '', '', '', '', 'KETUA_RT']]));
    expect(allRejected).toMatchObject({ status: 'completed', accepted: 0, rejected: 2 });
    expect(await rosterVersion(id)).toBe(1);
    expect(await staleness(proposal.proposalId)).toEqual({ stale: false });

    // The same rows again, in another order and with one listed twice: nothing changes.
    const unchanged = await importRoster(id, rosterCsv([people[2]!, people[0]!, people[1]!, people[0]!]));
    expect(unchanged).toMatchObject({ status: 'completed', accepted: 3, rejected: 1 });
    expect(await rosterVersion(id)).toBe(1);
    expect(await staleness(proposal.proposalId)).toEqual({ stale: false });

    // A new phone number is a change to a funded person: the proposal was computed without it.
    const newPhone = await importRoster(id, rosterCsv([people[0]!.with(7, '081298765432')]));
    expect(newPhone).toMatchObject({ status: 'completed', accepted: 1 });
    expect(await rosterVersion(id)).toBe(2);
    expect(await staleness(proposal.proposalId)).toEqual({ stale: true, staleBecause: ['the roster changed (version 1 → 2)'] });
  }, 90_000);
});
