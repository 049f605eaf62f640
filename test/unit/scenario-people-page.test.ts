import { describe, expect, it } from 'vitest';
import type { FundedSegment } from '../../shared/core/budget/funded-by-allocation';
import type { SegmentMember } from '../../shared/core/roster/roster-ledger';
import { fundedPage, MAX_SCENARIO_PEOPLE_PAGE } from '../../shared/core/simulation/scenario-people';

/** A Lambda's response may hold 6 MB; a page must stay below it whatever the names. */
const LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024;

const person = (i: number, segment: string, name = `Warga ${i}`): SegmentMember => ({
  nik: `3674${String(i).padStart(12, '0')}`,
  name,
  birthDate: '1970-01-01',
  gender: 'L',
  segment,
});

/** KADER is cut after person 5; KETUA_RT is funded whole. */
const settled = new Map<string, FundedSegment>([
  ['KETUA_RT', { funded: 10, unfunded: 0 }],
  ['KADER', { funded: 5, unfunded: 5, lastFundedNik: person(5, 'KADER').nik }],
]);

describe('a page of the people a scenario funds', () => {
  it('marks each person by the one funding rule, and ends without a cursor when nothing is left', () => {
    const page = fundedPage({ people: [person(1, 'KADER'), person(5, 'KADER'), person(6, 'KADER'), person(7, 'KETUA_RT')], more: false }, settled);
    expect(page.people.map((p) => [p.segment, p.funded])).toEqual([['KADER', true], ['KADER', true], ['KADER', false], ['KETUA_RT', true]]);
    expect(page.after).toBeUndefined();
  });

  it('passes over people of segments outside the cohort, yet goes on after them', () => {
    const page = fundedPage({ people: [person(1, 'KADER'), person(2, 'DIHAPUS'), person(3, 'DIHAPUS')], more: true }, settled);
    expect(page.people.map((p) => p.nik)).toEqual([person(1, 'KADER').nik]);
    expect(page.after).toBe(`DIHAPUS:${person(3, 'DIHAPUS').nik}`);
  });

  it('stops a full page of the longest names before a Lambda response would overflow, and goes on from there', () => {
    // 500 characters of three UTF-8 bytes each: what a roster cell may hold at most.
    const longName = 'ꦗ'.repeat(500);
    const read = Array.from({ length: MAX_SCENARIO_PEOPLE_PAGE }, (_, i) => person(i, 'KETUA_RT', longName));
    const page = fundedPage({ people: read, more: false }, settled);
    expect(page.people.length).toBeGreaterThan(1_000);
    expect(page.people.length).toBeLessThan(read.length);
    expect(Buffer.byteLength(JSON.stringify({ bucket: 0, ...page }))).toBeLessThan(LAMBDA_RESPONSE_BYTES);
    expect(page.after).toBe(`KETUA_RT:${page.people.at(-1)!.nik}`);
  });

  it('holds a full page of ordinary names whole', () => {
    const read = Array.from({ length: MAX_SCENARIO_PEOPLE_PAGE }, (_, i) => person(i, 'KETUA_RT', `Siti Nurhaliza binti Abdullah ${i}`));
    const page = fundedPage({ people: read, more: true }, settled);
    expect(page.people).toHaveLength(MAX_SCENARIO_PEOPLE_PAGE);
    expect(page.after).toBe(`KETUA_RT:${read.at(-1)!.nik}`);
  });
});
