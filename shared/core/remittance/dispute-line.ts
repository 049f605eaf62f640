import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError, NotFoundError } from '../errors';
import { maskNik } from '../people/personal-data';
import type { Discrepancy } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';

/**
 * Finance disputes a person's line of a reconciled bill, with a note for the BPJS branch. A
 * disputed line's amount is held back from what acceptance lets be paid. Disputing it again
 * replaces the note.
 */
export async function disputeLine(store: RemittanceStore, billId: string, request: { nik: string; note: string }, caller: Caller, at: Date): Promise<Discrepancy> {
  const bill = await requireBill(store, billId);
  if (bill.status !== 'reconciled') throw new ConflictError(`Bill ${billId} is ${bill.status}: lines can be disputed only while it is reconciled and not yet accepted.`);
  const discrepancy = await store.discrepancy(billId, bill.attempt, request.nik);
  if (!discrepancy) throw new NotFoundError(`${maskNik(request.nik)} has no discrepancy on bill ${billId}: only lines the reconciliation found can be disputed.`);
  const disputed: Discrepancy = { ...discrepancy, dispute: { note: request.note, by: caller.username, at: at.toISOString() } };
  const stored = await store.dispute(billId, bill.attempt, disputed, auditEvent({
    caller,
    at,
    action: 'bill.line-disputed',
    entityType: 'bill',
    entityId: billId,
    regulationId: bill.regulationId,
    summary: `Baris ${maskNik(request.nik)} disanggah / Line disputed (${discrepancy.kind}): ${request.note}`,
  }));
  if (!stored) throw new ConflictError(`Bill ${billId} changed meanwhile (accepted?): read it again.`);
  return disputed;
}
