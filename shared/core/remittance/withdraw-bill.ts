import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError } from '../errors';
import type { InsurerBill } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';

/**
 * Takes back a bill that was not accepted, so that a corrected bill from the insurer can take its
 * month. It stays stored, with its reconciliation, for the trail.
 */
export async function withdrawBill(store: RemittanceStore, billId: string, request: { reason: string }, caller: Caller, at: Date): Promise<InsurerBill> {
  const bill = await requireBill(store, billId);
  const from: InsurerBill['status'][] = ['receiving', 'reconciled', 'failed'];
  if (!from.includes(bill.status)) throw new ConflictError(`Bill ${billId} is ${bill.status} and cannot be withdrawn${bill.status === 'accepted' ? ': it was accepted' : ''}.`);
  const moved = await store.transition(billId, from, 'withdrawn', {}, auditEvent({
    caller,
    at,
    action: 'bill.withdrawn',
    entityType: 'bill',
    entityId: billId,
    regulationId: bill.regulationId,
    summary: `Tagihan ${bill.month} ditarik / Bill withdrawn: ${request.reason}`,
  }));
  if (!moved) throw new ConflictError(`Bill ${billId} changed meanwhile: read it again.`);
  return requireBill(store, billId);
}
