import { now } from '../../shared/core/clock';
import { failReconciliation } from '../../shared/core/remittance/fail-reconciliation';
import { ReconciliationFailureInput } from '../../shared/core/remittance/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { remittanceStores } from './stores';

export const handler = workflowTask(ReconciliationFailureInput, async ({ billId, attempt, error }) =>
  failReconciliation(remittanceStores.store, { billId, attempt, failure: failureCause(error) }, now()),
);
