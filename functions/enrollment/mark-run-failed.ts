import { now } from '../../shared/core/clock';
import { failRun } from '../../shared/core/enrollment/finish-run';
import { RunFailureInput } from '../../shared/core/enrollment/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { enrollmentStores as stores } from './stores';

export const handler = workflowTask(RunFailureInput, async ({ runId, attempt, error }) => failRun(stores.runs, { runId, attempt, failure: failureCause(error) }, now()));
