import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError, InvalidInputError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import type { WorkflowStarter } from '../workflow-starter';
import { controlDifference, describeControlDifference } from './bill-controls';
import type { BillFigures, InsurerBill } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';
import { formatCount } from '../people/people-count';

/** The reconciliation workflow's execution for an attempt: one per attempt, so a retried request starts none twice. */
export function reconciliationExecution(bill: Pick<InsurerBill, 'billId'>, attempt: number): string {
  return `${bill.billId}-a${attempt}`.slice(0, 80);
}

/**
 * Closes a bill's upload and starts its reconciliation. The bill's own control figures are
 * checked first: a bill whose lines do not add up to them is refused with the difference, and
 * its month is free for a corrected file. A failed reconciliation is started again as the next
 * attempt; a bill already reconciled or beyond is returned as it is.
 */
export async function completeBill(
  deps: { store: RemittanceStore; workflows: WorkflowStarter },
  billId: string,
  declared: { chunks: number; lines: number },
  caller: Caller,
  at: Date,
): Promise<InsurerBill> {
  const bill = await requireBill(deps.store, billId);
  if (bill.status === 'failed') return start(deps, bill, bill.attempt + 1, bill.received, caller, at, ['failed']);
  if (bill.status === 'reconciling') {
    // A retried request after a crash between the transition and the start: the name makes it harmless.
    await deps.workflows.start('reconciliation', reconciliationExecution(bill, bill.attempt), { billId, attempt: bill.attempt });
    return bill;
  }
  if (bill.status !== 'receiving') return bill;

  const chunks = await deps.store.chunks(billId);
  const missing = Array.from({ length: declared.chunks }, (_, seq) => seq).filter((seq) => !chunks.has(seq));
  if (missing.length > 0) {
    throw new ConflictError(`Bill ${billId} is missing chunks ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}: send them again, then complete it.`, { missing });
  }
  const received = [...chunks.values()].reduce((sum, chunk) => ({ people: sum.people + chunk.people, amount: sum.amount + chunk.amount }), { people: 0, amount: 0 });
  if (received.people !== declared.lines) {
    throw new ConflictError(`Bill ${billId} received ${received.people} lines, but the upload declared ${declared.lines}: send the missing chunks again.`);
  }
  if (controlDifference(bill, received)) {
    const message = describeControlDifference(bill, received);
    await deps.store.transition(billId, ['receiving'], 'refused', { received, failure: message }, auditEvent({
      caller,
      at,
      action: 'bill.refused',
      entityType: 'bill',
      entityId: billId,
      regulationId: bill.regulationId,
      summary: `Tagihan ${bill.month} ditolak: jumlah kontrol tidak sesuai / Bill refused: ${message}`,
    }));
    throw new InvalidInputError(message, [
      { path: 'controlCount', message: `the file says ${bill.controlCount}, its lines are ${received.people}` },
      { path: 'controlTotal', message: `the file says ${formatRupiah(bill.controlTotal)}, its lines add up to ${formatRupiah(received.amount)}` },
    ]);
  }
  return start(deps, bill, bill.attempt, received, caller, at, ['receiving']);
}

async function start(
  deps: { store: RemittanceStore; workflows: WorkflowStarter },
  bill: InsurerBill,
  attempt: number,
  received: BillFigures,
  caller: Caller,
  at: Date,
  from: InsurerBill['status'][],
): Promise<InsurerBill> {
  await deps.store.transition(bill.billId, from, 'reconciling', { received, attempt }, auditEvent({
    caller,
    at,
    action: 'bill.reconciling',
    entityType: 'bill',
    entityId: bill.billId,
    regulationId: bill.regulationId,
    summary: `Rekonsiliasi tagihan ${bill.month} dimulai (percobaan ${attempt}): ${formatCount(received.people)} baris / Reconciliation started, attempt ${attempt}`,
  }));
  // Started even if another request moved the bill first: the execution's name makes it one.
  await deps.workflows.start('reconciliation', reconciliationExecution(bill, attempt), { billId: bill.billId, attempt });
  return requireBill(deps.store, bill.billId);
}
