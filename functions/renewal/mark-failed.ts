import { auditEvent } from '../../shared/core/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { now } from '../../shared/core/clock';
import { requireRenewal } from '../../shared/core/renewal/require-renewal';
import { RenewalFailureInput } from '../../shared/core/renewal/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores } from './stores';

/**
 * Records why a renewal attempt failed, visibly. A failed verification marks the renewal failed
 * (an admin starts it again); a failed closing keeps its status, with the failure shown.
 */
export const handler = workflowTask(RenewalFailureInput, async ({ regulationId, year, attempt, phase, error }) => {
  const record = requireRenewal(await renewalStores.renewals.get(regulationId, year), regulationId, year);
  if (record.attempt !== attempt || record.status === 'failed') return { status: record.status };
  const failure = failureCause(error);
  const status = phase === 'verify' ? 'failed' : record.status;
  await renewalStores.renewals.update(
    { ...record, status, failure },
    { status: record.status, attempt },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now(),
      action: 'renewal.failed',
      entityType: 'regulation',
      entityId: regulationId,
      summary: `The renewal into ${year} failed while ${phase === 'verify' ? 'verifying the roster' : 'closing'} (${failure}). Start it again with \`npx lindung renewal start --regulation ${regulationId} --year ${year}\`.`,
    }),
  );
  return { status };
});
