import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { ReconciliationInput } from '../../shared/core/remittance/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';

/** One shard per NIK bucket: a small array of descriptors, whatever the size of the bill. */
export const handler = workflowTask(ReconciliationInput, async ({ billId, attempt }) => ({
  shards: Array.from({ length: NIK_BUCKETS }, (_, bucket) => ({ billId, attempt, bucket })),
}));
