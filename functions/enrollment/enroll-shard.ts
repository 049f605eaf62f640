import { requireProposal } from '../../shared/core/budget/require-proposal';
import { now } from '../../shared/core/clock';
import { enrollShard } from '../../shared/core/enrollment/enroll-shard';
import { requireRun } from '../../shared/core/enrollment/require-run';
import { runPlanOf } from '../../shared/core/enrollment/run-plan';
import { RunShardInput } from '../../shared/core/enrollment/workflow-inputs';
import { logger } from '../../shared/runtime/observability/powertools';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { channelInsurer } from './channel-insurer';
import { enrollmentStores as stores } from './stores';

export const handler = workflowTask(RunShardInput, async ({ runId, attempt, bucket }) => {
  const started = Date.now();
  const run = requireRun(await stores.runs.get(runId), runId);
  const proposal = requireProposal(await stores.proposals.get(run.proposalId), run.proposalId);
  const regulation = requireRegulation(await stores.regulations.version(proposal.regulationId, proposal.regulationVersion), proposal.regulationId);
  const { insurer, collectiveAccount } = await channelInsurer(regulation, proposal.proposalId);
  const plan = runPlanOf(runId, proposal, regulation, collectiveAccount);
  const tally = await enrollShard(plan, attempt, bucket, { ledger: stores.ledger, roster: stores.roster, insurer, now });
  logger.info('Enrollment shard done', { runId, attempt, bucket, enrolled: tally.enrolled, failed: tally.failed, skipped: tally.skipped, ms: Date.now() - started });
  return { bucket, enrolled: tally.enrolled, failed: tally.failed, skipped: tally.skipped };
});
