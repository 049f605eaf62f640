import { reconcileShard } from '../../shared/core/remittance/reconcile-shard';
import { ReconcileShardInput } from '../../shared/core/remittance/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { remittanceStores } from './stores';

export const handler = workflowTask(ReconcileShardInput, async (input) => reconcileShard(remittanceStores, input));
