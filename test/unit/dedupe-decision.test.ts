import { describe, expect, it } from 'vitest';
import { decideDuplicate } from '../../shared/rosters/dedupe-decision';
import type { RosterEntry } from '../../shared/rosters/roster-entry';

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
    expect(decideDuplicate(entry({ regulationId: 'perbup-bekasi-1-2023' }), entry({ row: 3 }))).toMatchObject({
      kind: 'reject',
      reason: 'COVERED_BY_OTHER_REGULATION',
      keptRegulation: 'perbup-bekasi-1-2023',
    });
  });

  it('keeps the higher-priority segment, whichever row comes first', () => {
    const rt = entry({ segment: 'KETUA_RT', priority: 1, row: 50 });
    const marbot = entry({ segment: 'MARBOT', priority: 4, row: 20 });
    expect(decideDuplicate(marbot, rt)).toEqual({ kind: 'displace', loser: marbot, reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT' });
    expect(decideDuplicate(rt, marbot)).toMatchObject({ kind: 'reject', reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT', keptRow: 50 });
  });

  it('keeps the lower row of an in-file duplicate, whichever is processed first', () => {
    const first = entry({ row: 10 });
    const second = entry({ row: 99 });
    expect(decideDuplicate(first, second)).toMatchObject({ kind: 'reject', reason: 'DUPLICATE_IN_FILE', keptRow: 10 });
    expect(decideDuplicate(second, first)).toEqual({ kind: 'displace', loser: second, reason: 'DUPLICATE_IN_FILE' });
  });

  it('lets a later import of the same segment update the entry', () => {
    const earlier = entry({ importId: 'imp-a', row: 10 });
    const fixed = entry({ importId: 'imp-b', row: 2, name: 'Siti Aminah' });
    expect(decideDuplicate(earlier, fixed)).toEqual({ kind: 'accept', replaces: earlier });
  });

  it('recognises its own row on a re-run', () => {
    expect(decideDuplicate(base, { ...base })).toEqual({ kind: 'already-stored' });
  });
});
