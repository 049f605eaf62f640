import { describe, expect, it } from 'vitest';
import type { PageOutcome } from '../../shared/core/enrollment/page-tally';
import { runOutcomeSummary } from '../../shared/core/enrollment/run-outcome-summary';

const pages = (segment: string, count: number): PageOutcome[] =>
  Array.from({ length: count }, () => ({ segment, tally: { enrolled: 0, failed: 0, skipped: 0, failureReasons: {} } }));

describe('runOutcomeSummary', () => {
  const outcome = {
    runId: 'run-2027-original-0000000001',
    attempt: 2,
    status: 'completed-with-failures' as const,
    tally: {
      enrolled: 13_124,
      failed: 1_012,
      skipped: 3,
      failureReasons: { INVALID_DATA: 12, BUDGET_EXHAUSTED: 1_000 },
      enrolledBySegment: { KETUA_RT: 13_000, MARBOT: 124 },
    },
    pages: [...pages('MARBOT', 1), ...pages('KETUA_RT', 1_027)],
    premiums: 2_606_000_000,
  };

  it('says the outcome in Bahasa Indonesia, then English, with Indonesian number formats', () => {
    expect(runOutcomeSummary(outcome)).toBe(
      'Pendaftaran run-2027-original-0000000001 selesai dengan kegagalan (percobaan 2): 13.124 orang terdaftar, ' +
        '1.012 gagal (BUDGET_EXHAUSTED 1.000, INVALID_DATA 12), 3 sudah tercakup; iuran terikat Rp2.606.000.000; ' +
        'entri ledger di 1.028 halaman (KETUA_RT 1.027, MARBOT 1): GET /enrollment-runs/run-2027-original-0000000001/people / ' +
        'Enrollment run run-2027-original-0000000001 attempt 2 completed with failures: 13.124 enrolled, ' +
        '1.012 failed (BUDGET_EXHAUSTED 1.000, INVALID_DATA 12), 3 already covered; premiums Rp2.606.000.000; ' +
        'ledger entries in 1.028 pages (KETUA_RT 1.027, MARBOT 1): GET /enrollment-runs/run-2027-original-0000000001/people',
    );
  });

  it('leaves out failure reasons and segments when there are none', () => {
    const summary = runOutcomeSummary({ ...outcome, status: 'completed', tally: { ...outcome.tally, failed: 0, failureReasons: {} }, pages: [] });
    expect(summary).toContain('selesai (percobaan 2): 13.124 orang terdaftar, 0 gagal,');
    expect(summary).toContain('entri ledger di 0 halaman: GET');
    expect(summary).toContain('attempt 2 completed: 13.124 enrolled, 0 failed,');
  });
});
