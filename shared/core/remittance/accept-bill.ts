import { createHash } from 'node:crypto';
import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import { canonicalJson } from '../../lib/canonical-json';
import type { InsurerBill } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { amountInDispute } from './reconcile-person';
import { requireBill } from './require-bill';
import { formatCount } from '../people/people-count';

/**
 * Finance accepts a reconciled bill, freezing it: the acceptance is bound to a hash of the bill's
 * file, the ledger's side of the reconciliation and the disputed lines, as a decision is bound to
 * its proposal's snapshot. What may be paid is the bill's total less what the disputes hold back
 * (amountInDispute).
 */
export async function acceptBill(store: RemittanceStore, billId: string, request: { note?: string }, caller: Caller, at: Date): Promise<InsurerBill> {
  const bill = await requireBill(store, billId);
  if (bill.status !== 'reconciled' || !bill.reconciliation) throw new ConflictError(`Bill ${billId} is ${bill.status}: only a reconciled bill can be accepted.`);
  const disputes = createHash('sha256');
  const disputed = { people: 0, amount: 0 };
  for await (const line of store.allDiscrepancies(billId, bill.attempt)) {
    if (!line.dispute) continue;
    disputed.people += 1;
    disputed.amount += amountInDispute(line);
    disputes.update(`${canonicalJson({ nik: line.nik, kind: line.kind, billed: line.billed, note: line.dispute.note })}\n`);
  }
  const hash = createHash('sha256')
    .update(canonicalJson({ billId, fileDigest: bill.fileDigest, ledgerHash: bill.reconciliation.ledgerHash, disputes: disputes.digest('hex') }))
    .digest('hex');
  const payable = bill.controlTotal - disputed.amount;
  const acceptance = { by: caller.username, byUserId: caller.userId, at: at.toISOString(), ...(request.note ? { note: request.note } : {}), hash, payable, disputed };
  const moved = await store.transition(billId, ['reconciled'], 'accepted', { acceptance }, auditEvent({
    caller,
    at,
    action: 'bill.accepted',
    entityType: 'bill',
    entityId: billId,
    regulationId: bill.regulationId,
    summary: `Tagihan ${bill.month} diterima: dapat dibayar ${formatRupiah(payable)}, ${formatCount(disputed.people)} baris disanggah (${formatRupiah(disputed.amount)}) / Bill accepted; hash ${hash.slice(0, 12)}`,
  }));
  if (!moved) throw new ConflictError(`Bill ${billId} changed meanwhile: read it again.`);
  return requireBill(store, billId);
}
