import { requireRun } from '../../shared/core/enrollment/require-run';
import { RunWorkflowInput } from '../../shared/core/enrollment/workflow-inputs';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { enrollmentStores } from './stores';

/**
 * One shard per NIK bucket: a small array of descriptors, whatever the size of the run. An
 * attempt that is no longer the run's current one (a stale re-run) gets no shards.
 */
export const handler = workflowTask(RunWorkflowInput, async ({ runId, attempt }) => {
  const run = requireRun(await enrollmentStores.runs.get(runId), runId);
  const current = run.status === 'running' && run.attempt === attempt;
  return { shards: current ? Array.from({ length: NIK_BUCKETS }, (_, bucket) => ({ runId, attempt, bucket })) : [] };
});
