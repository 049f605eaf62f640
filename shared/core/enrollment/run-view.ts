import type { EnrollmentRun } from './enrollment-run';
import { EMPTY_SHARD_TALLY, type PageOutcome, type ShardTally, addPage } from './page-tally';
import { type CoverEndCount, invoiceAfterCoverEnds } from './premium-invoice';
import type { ProposalMoney, RunRecord, ShardProgress } from './run-record';

/**
 * A run as people see it: while it runs, its counts are summed from the shards' progress
 * (runTally); its invoice is as billed now, after the cover life events ended.
 */
export function runView(record: RunRecord, shards: readonly ShardProgress[], money: ProposalMoney, coverEnds: readonly CoverEndCount[]): EnrollmentRun {
  const { planned, tally: finalTally, invoice, ...run } = record;
  const tally = record.status === 'running' || !finalTally ? runTally(shards) : finalTally;
  // The people a run skips as covered already are not among those it plans: a proposal never
  // budgets someone funded this year (shared/core/budget/funded-this-year.ts).
  const remaining = Math.max(0, planned - tally.enrolled - tally.failed);
  return {
    ...run,
    counts: { planned, enrolled: tally.enrolled, failed: tally.failed, skipped: tally.skipped, remaining },
    committedAmount: money.committed,
    releasedAmount: money.released,
    ...(invoice ? { invoice: invoiceAfterCoverEnds(invoice, coverEnds) } : {}),
    failureReasons: Object.entries(tally.failureReasons)
      .map(([reason, people]) => ({ reason, people }))
      .sort((a, b) => b.people - a.people),
  };
}

/** A run's counts from its shards' progress: every page at its newest outcome (runPages), summed. */
export function runTally(shards: readonly ShardProgress[]): ShardTally {
  return runPages(shards).reduce((tally, page) => addPage(tally, page.segment, page.tally), EMPTY_SHARD_TALLY);
}

/**
 * Every page of a run at its newest outcome in the shards' progress: what its counts (runTally)
 * are summed from, and what its audit event refers to.
 *
 * Live counts never go down, by construction rather than by holding on to a highest number: a
 * page's outcome is counted from each of its people's ledger entries, and an entry only ever moves
 * a person from failed to enrolled (a later attempt retrying the failures), so a page reported
 * again has as many enrolled and skipped people as before, and as many handled. A shard run again
 * (after a crash, or in a retry) reports its pages as it goes through them again; a page it has
 * not reached yet still counts as an earlier report left it, instead of the bucket starting again
 * from zero.
 *
 * An attempt that has gone through the whole bucket (done) is the bucket's outcome on its own: a
 * page only an earlier attempt reported no longer exists (the roster changed between attempts).
 */
export function runPages(shards: readonly ShardProgress[]): PageOutcome[] {
  const pagesPerBucket = new Map<number, Map<string, PageOutcome>>();
  for (const shard of [...shards].sort((a, b) => a.attempt - b.attempt)) {
    const pages = shard.done ? new Map<string, PageOutcome>() : (pagesPerBucket.get(shard.bucket) ?? new Map<string, PageOutcome>());
    for (const [pageId, outcome] of Object.entries(shard.pages)) pages.set(pageId, outcome);
    pagesPerBucket.set(shard.bucket, pages);
  }
  return [...pagesPerBucket.values()].flatMap((pages) => [...pages.values()]);
}
