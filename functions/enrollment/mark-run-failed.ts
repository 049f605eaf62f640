import { now } from '../../shared/clock';
import { failRun } from '../../shared/enrollment/finish-run';
import { requireRun } from '../../shared/enrollment/require-run';
import { RunFailureInput } from '../../shared/enrollment/workflow-inputs';
import { failureCause } from '../../shared/workflows/failure-cause';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { enrollmentStores as stores } from './stores';

export const handler = workflowTask(RunFailureInput, async ({ runId, attempt, error }) => {
  const run = requireRun(await stores.runs.get(runId), runId);
  await failRun(stores.runs, run, attempt, `${failureCause(error)}. Retry with \`npx lindung enroll retry ${runId}\`.`, now());
  return { runId, attempt, status: 'failed' };
});
