import { beforeAll, describe, expect, it } from 'vitest';
import { lastDayOf, monthsToYearEnd } from '../../shared/core/calendar/calendar';
import { monthsInForce } from '../../shared/core/regulation/effective-period';
import { amendRegulation, api, tokenFor } from '../support/api';
import { propose, waitForProposal } from '../support/budget';
import { waitForRun } from '../support/enrollment';
import { importRoster, personRow, rosterCsv, tangselNik } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/** A regulation pays only for whole months it is in force (shared/core/regulation/effective-period.ts). */
describe('monthsInForce', () => {
  const months = monthsToYearEnd('2027-01');
  it('keeps the months wholly within the effective dates', () => {
    expect(monthsInForce({ id: 'r', effectiveFrom: '2019-01-01', effectiveTo: '2027-06-30' }, months)).toEqual(monthsToYearEnd('2027-01').slice(0, 6));
    expect(monthsInForce({ id: 'r', effectiveFrom: '2027-03-15' }, months)[0]).toBe('2027-04');
    expect(monthsInForce({ id: 'r', effectiveFrom: '2019-01-01', effectiveTo: '2027-06-15' }, months).at(-1)).toBe('2027-05');
    expect(monthsInForce({ id: 'r', effectiveFrom: '2019-01-01', effectiveTo: '2026-06-30' }, months)).toEqual([]);
    expect(monthsInForce({ id: 'r', effectiveFrom: '2028-01-01' }, months)).toEqual([]);
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
  });
});

let admin: string;
let finance: string;

beforeAll(async () => {
  [admin, finance] = await Promise.all([tokenFor('admin', 'ani'), tokenFor('finance', 'siti')]);
});

async function apply(id: string, dates: { effectiveFrom: string; effectiveTo?: string }) {
  const { effectiveTo: _to, ...document } = tangselRegulation(id);
  return amendRegulation({ ...document, ...dates }, admin);
}

/** Four RT heads, in a district (05) no other test's roster reaches. */
function rows(serial: number): string[][] {
  return Array.from({ length: 4 }, (_, i) => {
    const birthDate = `1972-0${1 + i}-1${i}`;
    return personRow(tangselNik(birthDate, 'L', serial + i).replace(/^367401/, '367405'), `Pak RT ${i}`, birthDate, 'L', 'KETUA_RT');
  });
}

describe('effective dates bound the money', () => {
  it('a regulation that ended refuses a later roster and budget, naming its dates', async () => {
    expect((await apply('perwal-ended-2026', { effectiveFrom: '2019-01-01', effectiveTo: '2026-06-30' })).status).toBe(200);
    const file = rosterCsv(rows(100));
    await expect(importRoster('perwal-ended-2026', file, { coverageStart: '2029-01-01' })).rejects.toThrow(/in force from 2019-01-01 to 2026-06-30/);
    const proposed = await api('POST', '/proposals', { token: admin, body: { regulationId: 'perwal-ended-2026', year: 2029, cohort: 'original', clientToken: 'ended-2026-2029' } });
    expect(proposed.status).toBe(400);
    expect(JSON.stringify(proposed.body)).toContain('in force from 2019-01-01 to 2026-06-30');
  }, 60_000);

  it('a regulation ending mid-year funds and enrolls only its months; an amendment cannot strand the funded', async () => {
    const id = 'perwal-ends-june-2027';
    expect((await apply(id, { effectiveFrom: '2019-01-01', effectiveTo: '2027-06-30' })).status).toBe(200);
    expect(await importRoster(id, rosterCsv(rows(200)))).toMatchObject({ status: 'completed', accepted: 4 });
    const proposal = await propose(admin, { regulationId: id, year: 2027, cohort: 'original' });
    expect(proposal).toMatchObject({ startMonth: '2027-01', endMonth: '2027-06', total: 4 * 16_800 * 6 });
    expect(proposal.segments.find((s: any) => s.segment === 'KETUA_RT').months).toBe(6);
    expect((await api('POST', `/proposals/${proposal.proposalId}/decision`, { token: finance, body: { decision: 'approve' } })).status).toBe(200);
    expect((await waitForProposal(finance, proposal.proposalId, ['allocating'])).status).toBe('approved');

    // Moving the end before the funded months, or the start past them, would strand four people.
    for (const dates of [{ effectiveFrom: '2019-01-01', effectiveTo: '2027-03-31' }, { effectiveFrom: '2028-01-01' }]) {
      const amended = await apply(id, dates);
      expect(amended.status).toBe(409);
      expect(amended.body.message).toContain(`4 funded people outside the new effective dates`);
      expect(amended.body.message).toContain(proposal.proposalId);
      expect(amended.body.message).toContain('End their cover first');
    }

    const started = await api('POST', '/enrollment-runs', { token: admin, body: { proposalId: proposal.proposalId } });
    expect(started.status).toBe(202);
    const run = await waitForRun(admin, started.body.runId);
    expect(run).toMatchObject({ coverageStart: '2027-01-01', coverageEnd: '2027-06-30', committedAmount: 4 * 16_800 * 6, counts: { enrolled: 4 } });
  }, 120_000);

  it('with effectiveFrom amended to 2028, a 2027 budget is refused', async () => {
    const id = 'perwal-from-2028';
    expect((await apply(id, { effectiveFrom: '2019-01-01' })).status).toBe(200);
    expect((await apply(id, { effectiveFrom: '2028-01-01' })).status).toBe(200);
    const proposed = await api('POST', '/proposals', { token: admin, body: { regulationId: id, year: 2027, cohort: 'original', clientToken: 'from-2028-2027' } });
    expect(proposed.status).toBe(400);
    expect(JSON.stringify(proposed.body)).toContain('in force from 2028-01-01, with no end date');
  }, 60_000);
});
