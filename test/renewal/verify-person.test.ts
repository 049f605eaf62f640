import { describe, expect, it } from 'vitest';
import type { LifeEvent } from '../../shared/api/renewal-schemas';
import type { Segment } from '../../shared/core/regulation/regulation';
import type { RosterEntry } from '../../shared/core/roster/roster-entry';
import { verifyPerson } from '../../shared/core/renewal/verify-person';

const segment = (code: string): Segment => ({
  code,
  name: code,
  category: 'BPU',
  premiumBasis: { type: 'declared-income', declaredIncome: 1_000_000 },
  eligibility: { minAge: 18, maxAge: 65 },
  targetHeadcount: 10,
  priority: 1,
});
const context = { regulationId: 'perwal-a', year: 2028, segments: new Map([['KETUA_RT', segment('KETUA_RT')]]) };
const entry = (overrides: Partial<RosterEntry> = {}): RosterEntry => ({
  nik: '3674011001800001',
  year: 2027,
  regulationId: 'perwal-a',
  segment: 'KETUA_RT',
  priority: 1,
  importId: 'imp-1',
  row: 2,
  name: 'Budi',
  birthDate: '1980-01-10',
  gender: 'L',
  updatedAt: '2027-01-01T00:00:00Z',
  ...overrides,
});
const event = (overrides: Partial<LifeEvent>): LifeEvent => ({
  nik: '3674011001800001',
  kind: 'death',
  effectiveDate: '2027-05-01',
  regulationId: 'perwal-a',
  segment: 'KETUA_RT',
  year: 2027,
  coverEnds: '2027-05-01',
  recordedBy: 'ani',
  recordedAt: '2027-05-02T00:00:00Z',
  ...overrides,
});

describe('re-verifying last year\'s people for the renewal', () => {
  it('carries an eligible person forward', () => {
    expect(verifyPerson(entry(), undefined, [], context)).toEqual({ kind: 'carry' });
  });

  it('lets go of whoever is outside the age window on 1 January, and flags who leaves it during the year', () => {
    expect(verifyPerson(entry({ birthDate: '1961-06-15' }), undefined, [], context)).toEqual({ kind: 'leave', reason: 'aged-out', date: '2027-06-15', dropNext: false });
    expect(verifyPerson(entry({ birthDate: '1962-01-01' }), undefined, [], context)).toMatchObject({ kind: 'leave', reason: 'aged-out', date: '2028-01-01' });
    expect(verifyPerson(entry({ birthDate: '1962-06-15' }), undefined, [], context)).toEqual({ kind: 'carry', agingOutOn: '2028-06-15' });
  });

  it('ends cover after a death or a removal, and drops an entry already made for the new year', () => {
    const next = entry({ year: 2028, importId: 'imp-2' });
    expect(verifyPerson(entry(), next, [event({})], context)).toEqual({ kind: 'leave', reason: 'deceased', date: '2027-05-01', dropNext: true });
    expect(verifyPerson(entry(), undefined, [event({ kind: 'removal', effectiveDate: '2028-03-01' })], context)).toMatchObject({ reason: 'removed' });
    // A removal from another regulation, or one of long ago, does not end this cover.
    expect(verifyPerson(entry(), undefined, [event({ kind: 'removal', regulationId: 'perwal-b' })], context)).toEqual({ kind: 'carry' });
    expect(verifyPerson(entry(), undefined, [event({ kind: 'removal', year: 2025, effectiveDate: '2025-03-01' })], context)).toEqual({ kind: 'carry' });
  });

  it('never covers twice: another regulation holding the person for the new year wins', () => {
    expect(verifyPerson(entry(), entry({ year: 2028, regulationId: 'perwal-b' }), [], context)).toEqual({ kind: 'leave', reason: 'other-regulation', dropNext: false });
  });

  it('counts someone already on the new roster as unchanged, and someone in a segment that ended as a leaver', () => {
    expect(verifyPerson(entry(), entry({ year: 2028 }), [], context)).toEqual({ kind: 'unchanged' });
    expect(verifyPerson(entry({ segment: 'MARBOT' }), undefined, [], context)).toEqual({ kind: 'leave', reason: 'segment-ended', dropNext: false });
  });
});
