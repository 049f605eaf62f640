import { describe, expect, it } from 'vitest';
import type { PageOutcome, PageTally } from '../../shared/core/enrollment/page-tally';
import type { ShardProgress } from '../../shared/core/enrollment/run-record';
import { runTally } from '../../shared/core/enrollment/run-view';

const page = (segment: string, enrolled: number, skipped = 0, failureReasons: Record<string, number> = {}): PageOutcome => {
  const failed = Object.values(failureReasons).reduce((sum, n) => sum + n, 0);
  const tally: PageTally = { enrolled, skipped, failed, failureReasons };
  return { segment, tally };
};

const shard = (attempt: number, bucket: number, pages: Record<string, PageOutcome>, done: boolean): ShardProgress => ({ attempt, bucket, pages, done });

describe('runTally', () => {
  // Attempt 1 went through bucket 4: two pages, 40 refused by the insurer on the second.
  const firstAttempt = shard(
    1,
    4,
    { 'KETUA_RT#00000': page('KETUA_RT', 495, 5), 'KETUA_RT#00001': page('KETUA_RT', 460, 0, { REGISTERED_ELSEWHERE: 40 }) },
    true,
  );
  const otherBucket = shard(1, 9, { 'KETUA_RW#00000': page('KETUA_RW', 120) }, true);

  it('sums every page of every bucket, per segment too', () => {
    expect(runTally([firstAttempt, otherBucket])).toEqual({
      enrolled: 1075,
      skipped: 5,
      failed: 40,
      failureReasons: { REGISTERED_ELSEWHERE: 40 },
      enrolledBySegment: { KETUA_RT: 955, KETUA_RW: 120 },
    });
  });

  it('does not go down when a retry starts a bucket again: pages it has not reached count as the last attempt left them', () => {
    const before = runTally([firstAttempt, otherBucket]);
    // Attempt 2 has so far gone through the first page again (settled, the same outcome).
    const started = runTally([firstAttempt, otherBucket, shard(2, 4, { 'KETUA_RT#00000': page('KETUA_RT', 495, 5) }, false)]);
    expect(started).toEqual(before);
    // Then the second: 30 of the 40 refused are covered this time.
    const retried = runTally([firstAttempt, otherBucket, shard(2, 4, { 'KETUA_RT#00000': page('KETUA_RT', 495, 5), 'KETUA_RT#00001': page('KETUA_RT', 490, 0, { REGISTERED_ELSEWHERE: 10 }) }, false)]);
    expect(retried).toMatchObject({ enrolled: 1105, skipped: 5, failed: 10, failureReasons: { REGISTERED_ELSEWHERE: 10 } });
    expect(retried.enrolled + retried.skipped + retried.failed).toBe(before.enrolled + before.skipped + before.failed);
  });

  it('takes a finished attempt as the whole bucket: a page only an earlier attempt reported is gone from the roster', () => {
    const finished = shard(2, 4, { 'KETUA_RT#00000': page('KETUA_RT', 495, 5) }, true);
    expect(runTally([finished, firstAttempt])).toMatchObject({ enrolled: 495, skipped: 5, failed: 0 });
  });
});
