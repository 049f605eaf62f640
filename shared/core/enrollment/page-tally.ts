/** How one page (or shard) of a run's people stands: each person is in exactly one count. */
export interface PageTally {
  readonly enrolled: number;
  readonly failed: number;
  readonly skipped: number;
  /** Failed people by reason code. */
  readonly failureReasons: Readonly<Record<string, number>>;
}

/** One page's outcome as a shard reports it in its progress: the page's segment and tally. */
export interface PageOutcome {
  readonly segment: string;
  readonly tally: PageTally;
}

/** A shard's tally: its pages' tallies summed, and who was covered per segment (for the invoice). */
export interface ShardTally extends PageTally {
  readonly enrolledBySegment: Readonly<Record<string, number>>;
}

export const EMPTY_SHARD_TALLY: ShardTally = { enrolled: 0, failed: 0, skipped: 0, failureReasons: {}, enrolledBySegment: {} };

export function addPage(shard: ShardTally, segment: string, page: PageTally): ShardTally {
  return {
    enrolled: shard.enrolled + page.enrolled,
    failed: shard.failed + page.failed,
    skipped: shard.skipped + page.skipped,
    failureReasons: sumCounts(shard.failureReasons, page.failureReasons),
    enrolledBySegment: page.enrolled ? sumCounts(shard.enrolledBySegment, { [segment]: page.enrolled }) : shard.enrolledBySegment,
  };
}

function sumCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const sum = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}
