import type { EnrollmentRun } from '../api/enrollment-schemas';
import { EMPTY_SHARD_TALLY, type ShardTally, addShards } from './page-tally';
import { type CoverEndCount, invoiceAfterCoverEnds } from './premium-invoice';
import type { ProposalMoney, RunRecord, ShardProgress } from './run-record';

/**
 * A run as people see it: while it runs, each bucket counts as its latest attempt's progress (a
 * shard not yet started in a retry still stands as the previous attempt left it); its invoice is
 * as billed now, after the cover life events ended.
 */
export function runView(record: RunRecord, shards: readonly ShardProgress[], money: ProposalMoney, coverEnds: readonly CoverEndCount[]): EnrollmentRun {
  const { planned, tally: finalTally, invoice, ...run } = record;
  const tally = record.status === 'running' || !finalTally ? latestPerBucket(shards) : finalTally;
  const handled = tally.enrolled + tally.failed + tally.skipped;
  return {
    ...run,
    counts: { planned, enrolled: tally.enrolled, failed: tally.failed, skipped: tally.skipped, remaining: Math.max(0, planned - handled) },
    committedAmount: money.committed,
    releasedAmount: money.released,
    ...(invoice ? { invoice: invoiceAfterCoverEnds(invoice, coverEnds) } : {}),
    failureReasons: Object.entries(tally.failureReasons)
      .map(([reason, people]) => ({ reason, people }))
      .sort((a, b) => b.people - a.people),
  };
}

export function latestPerBucket(shards: readonly ShardProgress[]): ShardTally {
  const latest = new Map<number, ShardProgress>();
  for (const shard of shards) {
    const seen = latest.get(shard.bucket);
    if (!seen || shard.attempt > seen.attempt) latest.set(shard.bucket, shard);
  }
  return [...latest.values()].reduce((sum, shard) => addShards(sum, shard.tally), EMPTY_SHARD_TALLY);
}
