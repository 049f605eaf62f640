import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { ImportWorkflowInput } from '../../shared/core/roster/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';

/** One shard per NIK bucket: a small array of descriptors, whatever the size of the import. */
export const handler = workflowTask(ImportWorkflowInput, async ({ importId }) => ({
  shards: Array.from({ length: NIK_BUCKETS }, (_, bucket) => ({ importId, bucket })),
}));
