import { now } from '../../shared/core/clock';
import { watchAllArrears } from '../../shared/core/remittance/watch-all-arrears';
import { ArrearsWatchInput } from '../../shared/core/remittance/workflow-inputs';
import { logger } from '../../shared/runtime/observability/powertools';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { remittanceStores, runFiguresOf } from './stores';

/** The daily arrears watch (ArrearsWatch workflow, started by the schedule). */
export const handler = workflowTask(ArrearsWatchInput, async ({ scheduledTime }) => {
  const at = scheduledTime ? new Date(scheduledTime) : now();
  const outcome = await watchAllArrears({ store: remittanceStores.store, regulations: remittanceStores.regulations, runsOf: runFiguresOf }, at);
  logger.info('Arrears watch', { at: at.toISOString(), ...outcome });
  return outcome;
});
