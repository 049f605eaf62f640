import { requireProposal } from '../../shared/core/budget/require-proposal';
import { now } from '../../shared/core/clock';
import { finishRun } from '../../shared/core/enrollment/finish-run';
import { requireRun } from '../../shared/core/enrollment/require-run';
import { RunWorkflowInput } from '../../shared/core/enrollment/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { enrollmentStores as stores } from './stores';

export const handler = workflowTask(RunWorkflowInput, async ({ runId, attempt }) => {
  const run = requireRun(await stores.runs.get(runId), runId);
  const proposal = requireProposal(await stores.proposals.get(run.proposalId), run.proposalId);
  const finished = await finishRun(stores.runs, run, attempt, proposal, now());
  return { runId, attempt, status: finished.status };
});
