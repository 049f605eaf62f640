import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import { formatRupiah } from '../money/rupiah';
import { NIK_BUCKETS } from '../people/nik-bucket';
import { sumTallies } from './bucket-tally';
import type { InsurerBill } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';
import { formatCount } from '../people/people-count';

/** The last step of the reconciliation workflow: every bucket's tally summed into the bill's reconciliation. */
export async function finishReconciliation(store: RemittanceStore, input: { billId: string; attempt: number }, at: Date): Promise<InsurerBill> {
  const bill = await requireBill(store, input.billId);
  if (bill.status !== 'reconciling' || bill.attempt !== input.attempt) return bill;
  const tallies = await store.tallies(input.billId, input.attempt);
  const missing = Array.from({ length: NIK_BUCKETS }, (_, b) => b).filter((b) => !tallies.has(b));
  if (missing.length > 0) throw new Error(`Buckets ${missing.join(', ')} of bill ${input.billId} were not reconciled`);
  const reconciliation = sumTallies([...tallies.values()], at.toISOString());
  const found = Object.values(reconciliation.discrepancies).reduce((sum, n) => sum + n, 0);
  await store.transition(input.billId, ['reconciling'], 'reconciled', { reconciliation }, auditEvent({
    caller: SYSTEM_CALLER,
    at,
    action: 'bill.reconciled',
    entityType: 'bill',
    entityId: input.billId,
    regulationId: bill.regulationId,
    summary: `Tagihan ${bill.month} direkonsiliasi: ${formatCount(reconciliation.matched)} cocok, ${formatCount(found)} selisih (${formatRupiah(reconciliation.discrepantAmount)}) / Reconciled: ${formatCount(reconciliation.matched)} matched, ${formatCount(found)} discrepancies`,
  }));
  return requireBill(store, input.billId);
}
