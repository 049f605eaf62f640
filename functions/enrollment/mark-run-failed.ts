import { now } from '../../shared/core/clock';
import { failRun } from '../../shared/core/enrollment/finish-run';
import { requireRun } from '../../shared/core/enrollment/require-run';
import { RunFailureInput } from '../../shared/core/enrollment/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { enrollmentStores as stores } from './stores';

export const handler = workflowTask(RunFailureInput, async ({ runId, attempt, error }) => {
  const run = requireRun(await stores.runs.get(runId), runId);
  await failRun(stores.runs, run, attempt, `${failureCause(error)}. Retry with \`npx lindung enroll retry ${runId}\`.`, now());
  return { runId, attempt, status: 'failed' };
});
