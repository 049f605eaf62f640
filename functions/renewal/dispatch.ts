import { now } from '../../shared/core/clock';
import { logger } from '../../shared/runtime/observability/powertools';
import { dispatchRenewals } from '../../shared/core/renewal/dispatch-renewals';
import { DispatchInput } from '../../shared/core/renewal/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores, workflows } from './stores';

/** The daily renewal check (RenewalDispatch workflow, started by the schedule). */
export const handler = workflowTask(DispatchInput, async ({ scheduledTime }) => {
  const at = scheduledTime ? new Date(scheduledTime) : now();
  const outcome = await dispatchRenewals(renewalStores, workflows, at);
  logger.info('Renewal check', { at: at.toISOString(), ...outcome });
  return outcome;
});
