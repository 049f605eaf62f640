import { requireProposal } from '../../shared/budget/require-proposal';
import { now } from '../../shared/clock';
import { finishRun } from '../../shared/enrollment/finish-run';
import { requireRun } from '../../shared/enrollment/require-run';
import { RunWorkflowInput } from '../../shared/enrollment/workflow-inputs';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { enrollmentStores as stores } from './stores';

export const handler = workflowTask(RunWorkflowInput, async ({ runId, attempt }) => {
  const run = requireRun(await stores.runs.get(runId), runId);
  const proposal = requireProposal(await stores.proposals.get(run.proposalId), run.proposalId);
  const finished = await finishRun(stores.runs, run, attempt, proposal, now());
  return { runId, attempt, status: finished.status };
});
