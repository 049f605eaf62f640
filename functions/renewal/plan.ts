import { requireRenewal } from '../../shared/core/renewal/require-renewal';
import { RenewalWorkflowInput } from '../../shared/core/renewal/workflow-inputs';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores } from './stores';

/**
 * One step per NIK bucket, while the attempt is the renewal's current one (an execution of an
 * earlier attempt, resumed late, plans nothing).
 */
export const handler = workflowTask(RenewalWorkflowInput, async ({ regulationId, year, attempt, phase }) => {
  const record = requireRenewal(await renewalStores.renewals.get(regulationId, year), regulationId, year);
  const current = record.attempt === attempt && (phase === 'close' || record.status === 'verifying');
  return { buckets: current ? Array.from({ length: NIK_BUCKETS }, (_, bucket) => ({ regulationId, year, attempt, bucket })) : [] };
});
