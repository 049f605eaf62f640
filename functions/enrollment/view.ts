import type { EnrollmentRun } from '../../shared/api/enrollment-schemas';
import type { RunRecord } from '../../shared/enrollment/run-record';
import { runView } from '../../shared/enrollment/run-view';
import { enrollmentStores } from './stores';

/** A stored run with its live counts and the money committed so far. */
export async function viewRun(record: RunRecord): Promise<EnrollmentRun> {
  const [shards, committed] = await Promise.all([enrollmentStores.runs.shards(record.runId), enrollmentStores.runs.committed(record.proposalId)]);
  return runView(record, shards, committed);
}
