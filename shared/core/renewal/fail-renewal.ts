import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import type { RenewalRecord } from './renewal-record';
import type { RenewalStore } from './renewal-store';
import { requireRenewal } from './require-renewal';

/**
 * Records why a renewal attempt failed, visibly. A failed verification marks the renewal failed
 * (an admin starts it again); a failed closing keeps its status, with the failure shown. A failure
 * of an attempt that is no longer the renewal's current one changes nothing.
 */
export async function failRenewal(
  renewals: Pick<RenewalStore, 'get' | 'update'>,
  input: { regulationId: string; year: number; attempt: number; phase: 'verify' | 'close'; failure: string },
  now: Date,
): Promise<{ status: RenewalRecord['status'] }> {
  const { regulationId, year, attempt, phase, failure } = input;
  const record = requireRenewal(await renewals.get(regulationId, year), regulationId, year);
  if (record.attempt !== attempt || record.status === 'failed') return { status: record.status };
  const status = phase === 'verify' ? 'failed' : record.status;
  await renewals.update(
    { ...record, status, failure },
    { status: record.status, attempt },
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'renewal.failed',
      entityType: 'regulation',
      entityId: regulationId,
      summary: `The renewal into ${year} failed while ${phase === 'verify' ? 'verifying the roster' : 'closing'} (${failure}). Start it again with \`npx lindung renewal start --regulation ${regulationId} --year ${year}\`.`,
    }),
  );
  return { status };
}
