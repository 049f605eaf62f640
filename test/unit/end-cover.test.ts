import { describe, expect, it } from 'vitest';
import type { LifeEvent } from '../../shared/api/renewal-schemas';
import { endCover } from '../../shared/core/life-events/end-cover';
import type { CoveredEntry } from '../../shared/core/renewal/cover-ledger';

const premiums = Array.from({ length: 12 }, (_, i) => ({ month: `2027-${String(i + 1).padStart(2, '0')}`, premium: 16_800 }));
const entry: CoveredEntry = {
  nik: '3674011503700001',
  year: 2027,
  regulationId: 'perwal-unit',
  proposalId: 'bp-2027-unit',
  runId: 'run-bp-2027-unit',
  attempt: 1,
  segment: 'KETUA_RT',
  name: 'Warga',
  programs: ['JKK', 'JKM'],
  status: 'enrolled',
  kpj: '12345678901',
  coverageStart: '2027-01-01',
  coverageEnd: '2027-12-31',
  amount: 12 * 16_800,
  updatedAt: '2027-01-02T00:00:00Z',
};
const event = (kind: LifeEvent['kind'], coverEnds: string): LifeEvent => ({
  nik: entry.nik,
  kind,
  effectiveDate: coverEnds,
  regulationId: entry.regulationId,
  segment: entry.segment,
  year: 2027,
  coverEnds,
  recordedBy: 'ani',
  recordedAt: '2027-08-01T00:00:00Z',
});

describe('endCover', () => {
  it('ends enrolled cover and gives back the months after the month it ends in', () => {
    expect(endCover(entry, event('death', '2027-03-14'), premiums)).toMatchObject({ coverageEnd: '2027-03-14', endReason: 'deceased', released: 9 * 16_800, releasedNow: 9 * 16_800 });
  });

  it('only moves an end earlier, giving back what an earlier end did not', () => {
    const removed = { ...entry, coverageEnd: '2027-06-30', endReason: 'removed' as const, released: 6 * 16_800 };
    expect(endCover(removed, event('death', '2027-07-10'), premiums)).toBeUndefined();
    expect(endCover(removed, event('death', '2027-03-14'), premiums)).toMatchObject({ released: 9 * 16_800, releasedNow: 3 * 16_800 });
  });

  it('ends nothing for a person not enrolled', () => {
    expect(endCover(undefined, event('death', '2027-03-14'), premiums)).toBeUndefined();
    expect(endCover({ ...entry, status: 'failed', kpj: undefined }, event('death', '2027-03-14'), premiums)).toBeUndefined();
  });
});
