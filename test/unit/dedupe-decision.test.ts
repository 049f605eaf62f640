import { describe, expect, it } from 'vitest';
import { decideDuplicate } from '../../shared/core/roster/dedupe-decision';
import type { RosterEntry } from '../../shared/core/roster/roster-entry';

const base: RosterEntry = {
  nik: '3674015001900001',
  year: 2027,
  regulationId: 'perwal-tangsel-25-2019',
  segment: 'KETUA_RT',
  priority: 1,
  importId: 'imp-a',
  row: 10,
  name: 'Siti',
  birthDate: '1990-01-10',
  gender: 'P',
  updatedAt: '2026-11-21T00:00:00Z',
};
const entry = (changes: Partial<RosterEntry>): RosterEntry => ({ ...base, ...changes });

describe('decideDuplicate', () => {
  it('accepts a person not yet on any roster that year', () => {
    expect(decideDuplicate(undefined, base)).toEqual({ kind: 'accept' });
  });

  it('reports a person another regulation already covers', () => {
    const other = entry({ regulationId: 'perbup-bekasi-1-2023' });
    expect(decideDuplicate(other, entry({ row: 3 }))).toEqual({ kind: 'reject', reason: 'COVERED_BY_OTHER_REGULATION', kept: other });
  });

  it('keeps the higher-priority segment, whichever row comes first', () => {
    const rt = entry({ segment: 'KETUA_RT', priority: 1, row: 50 });
    const marbot = entry({ segment: 'MARBOT', priority: 4, row: 20 });
    expect(decideDuplicate(marbot, rt)).toEqual({ kind: 'displace', loser: marbot, reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT' });
    expect(decideDuplicate(rt, marbot)).toEqual({ kind: 'reject', reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT', kept: rt });
  });

  it('keeps the lower row of an in-file duplicate, whichever is processed first', () => {
    const first = entry({ row: 10 });
    const second = entry({ row: 99 });
    expect(decideDuplicate(first, second)).toEqual({ kind: 'reject', reason: 'DUPLICATE_IN_FILE', kept: first });
    expect(decideDuplicate(second, first)).toEqual({ kind: 'displace', loser: second, reason: 'DUPLICATE_IN_FILE' });
  });

  it('lets a later import of the same segment update the entry', () => {
    const earlier = entry({ importId: 'imp-a', row: 10 });
    const fixed = entry({ importId: 'imp-b', row: 2, name: '  SITI ', phone: '081234567890' });
    expect(decideDuplicate(earlier, fixed)).toEqual({ kind: 'accept', replaces: earlier });
  });

  describe('identity', () => {
    const juju = entry({ importId: 'imp-a', row: 10, name: 'Juju Kurniawan', birthDate: '1980-05-17' });
    const imas = entry({ importId: 'imp-b', row: 2, name: 'Imas Masitoh', birthDate: '1980-05-17' });

    it('rejects a later import that gives the NIK another name or birth date, naming the entry kept', () => {
      expect(decideDuplicate(juju, imas)).toEqual({ kind: 'reject', reason: 'IDENTITY_CONFLICT', kept: juju });
      const otherBirthDate = entry({ importId: 'imp-b', name: 'juju  KURNIAWAN', birthDate: '1980-05-18' });
      expect(decideDuplicate(juju, otherBirthDate)).toEqual({ kind: 'reject', reason: 'IDENTITY_CONFLICT', kept: juju });
      // In a higher-priority segment too: a different person is not "also listed" there.
      expect(decideDuplicate(juju, { ...imas, segment: 'KETUA_RW', priority: 0 })).toMatchObject({ reason: 'IDENTITY_CONFLICT' });
    });

    it('lets an import opened to update identities replace the entry, by the usual rules', () => {
      expect(decideDuplicate(juju, imas, true)).toEqual({ kind: 'accept', replaces: juju });
      const rt = { ...imas, segment: 'KETUA_RW', priority: 0 };
      expect(decideDuplicate(juju, rt, true)).toEqual({ kind: 'displace', loser: juju, reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT' });
    });

    it('names two rows of one file with one NIK and two identities, keeping the lower row whichever comes first', () => {
      const row2 = entry({ importId: 'imp-b', row: 2, name: 'Imas Masitoh' });
      const row5 = entry({ importId: 'imp-b', row: 5, name: 'Juju Kurniawan' });
      expect(decideDuplicate(row2, row5)).toEqual({ kind: 'reject', reason: 'IDENTITY_CONFLICT', kept: row2 });
      expect(decideDuplicate(row5, row2)).toEqual({ kind: 'displace', loser: row5, reason: 'IDENTITY_CONFLICT' });
      expect(decideDuplicate(row5, row2, true)).toEqual({ kind: 'displace', loser: row5, reason: 'IDENTITY_CONFLICT' });
    });

    it("keeps the roster's identity when a row of the file already matched it, whichever row comes first", () => {
      // Juju's entry came from an earlier import; row 5 of this file repeated Juju and replaced it.
      const row5 = { ...juju, importId: 'imp-b', row: 5, previousSegment: 'KETUA_RT' };
      const row2 = entry({ importId: 'imp-b', row: 2, name: 'Imas Masitoh' });
      expect(decideDuplicate(row5, row2)).toEqual({ kind: 'reject', reason: 'IDENTITY_CONFLICT', kept: row5 });
      expect(decideDuplicate(juju, row2)).toEqual({ kind: 'reject', reason: 'IDENTITY_CONFLICT', kept: juju });
    });
  });

  it('recognises its own row on a re-run', () => {
    expect(decideDuplicate(base, { ...base })).toEqual({ kind: 'already-stored' });
  });
});
