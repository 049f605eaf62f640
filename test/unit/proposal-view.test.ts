import { describe, expect, it } from 'vitest';
import type { ProposalRecord } from '../../shared/core/budget/proposal-record';
import { proposalView } from '../../shared/core/budget/proposal-view';
import { jakartaDate } from '../../shared/core/calendar/jakarta-date';

const record: ProposalRecord = {
  proposalId: 'bp-2027-000000000001',
  regulationId: 'perwal-tangsel-25-2019',
  regulationVersion: 1,
  title: 'Tangsel',
  year: 2027,
  cohort: 'original',
  startMonth: '2027-01',
  decideBy: '2026-12-31',
  status: 'pending-decision',
  requestedBy: 'ani',
  requestedByUserId: 'u-ani',
  requestedAt: '2026-11-21T10:00:00.000Z',
  snapshot: { regulationVersion: 1, rosterVersion: 3, rateScheduleVersion: 'rates-aaaaaaaaaaaa', hash: 'h' },
  segments: [],
  total: 0,
  totalHeadcount: 0,
};
const same = { regulationVersion: 1, rosterVersion: 3, rateScheduleVersion: 'rates-aaaaaaaaaaaa' };

describe('proposalView', () => {
  it('is current while nothing changed, and hides what is stored for the system only', () => {
    const view = proposalView(record, same, '2026-11-21');
    expect(view).toMatchObject({ status: 'pending-decision', stale: false });
    expect(view).not.toHaveProperty('requestedByUserId');
    expect(view).not.toHaveProperty('staleBecause');
  });

  it('is stale when the rates, the roster or the regulation changed, and says which', () => {
    const view = proposalView(record, { regulationVersion: 2, rosterVersion: 4, rateScheduleVersion: 'rates-bbbbbbbbbbbb' }, '2026-11-21');
    expect(view.stale).toBe(true);
    expect(view.staleBecause).toEqual([
      'the roster changed (version 3 → 4)',
      'the rates changed (rates-aaaaaaaaaaaa → rates-bbbbbbbbbbbb)',
      'the regulation was amended (version 1 → 2)',
    ]);
  });

  it('expires a pending proposal the day after its decide-by date (in Jakarta), but not a decided one', () => {
    expect(proposalView(record, same, '2026-12-31').status).toBe('pending-decision');
    expect(proposalView(record, same, '2027-01-01').status).toBe('expired');
    expect(proposalView({ ...record, status: 'approved' }, same, '2027-01-01').status).toBe('approved');
  });

  it('reads the date in Jakarta: 17:00 UTC on 31 December is already 1 January there', () => {
    expect(jakartaDate(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(jakartaDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
