import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';

/** The workflow's catch: records why a reconciliation failed; completing the bill again resumes it as the next attempt. */
export async function failReconciliation(store: RemittanceStore, input: { billId: string; attempt: number; failure: string }, at: Date): Promise<void> {
  const bill = await requireBill(store, input.billId);
  const failure = `${input.failure} Resume it with \`npx lindung remit reconcile ${input.billId}\`.`;
  await store.transition(input.billId, ['reconciling'], 'failed', { failure }, auditEvent({
    caller: SYSTEM_CALLER,
    at,
    action: 'bill.failed',
    entityType: 'bill',
    entityId: input.billId,
    regulationId: bill.regulationId,
    summary: `Rekonsiliasi gagal / Reconciliation failed (attempt ${input.attempt}): ${input.failure}`,
  }));
}
