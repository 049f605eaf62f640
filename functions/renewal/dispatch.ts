import { now } from '../../shared/clock';
import { logger } from '../../shared/observability/powertools';
import { dispatchRenewals } from '../../shared/renewal/dispatch-renewals';
import { DispatchInput } from '../../shared/renewal/workflow-inputs';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { renewalStores, workflows } from './stores';

/** The daily renewal check (RenewalDispatch workflow, started by the schedule). */
export const handler = workflowTask(DispatchInput, async ({ scheduledTime }) => {
  const at = scheduledTime ? new Date(scheduledTime) : now();
  const outcome = await dispatchRenewals(renewalStores, workflows, at);
  logger.info('Renewal check', { at: at.toISOString(), ...outcome });
  return outcome;
});
