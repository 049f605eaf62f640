import type { EnrollmentRun } from '../../shared/api/enrollment-schemas';
import type { RunRecord } from '../../shared/core/enrollment/run-record';
import { runView } from '../../shared/core/enrollment/run-view';
import { enrollmentStores } from './stores';

/** A stored run with its live counts, the money committed and released so far, and its invoice as billed now. */
export async function viewRun(record: RunRecord): Promise<EnrollmentRun> {
  const [shards, money, coverEnds] = await Promise.all([
    enrollmentStores.runs.shards(record.runId),
    enrollmentStores.runs.money(record.proposalId),
    enrollmentStores.runs.coverEnds(record.runId),
  ]);
  return runView(record, shards, money, coverEnds);
}
