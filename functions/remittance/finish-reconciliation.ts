import { now } from '../../shared/core/clock';
import { finishReconciliation } from '../../shared/core/remittance/finish-reconciliation';
import { ReconciliationInput } from '../../shared/core/remittance/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { remittanceStores } from './stores';

export const handler = workflowTask(ReconciliationInput, async (input) => {
  const bill = await finishReconciliation(remittanceStores.store, input, now());
  return { billId: bill.billId, status: bill.status };
});
