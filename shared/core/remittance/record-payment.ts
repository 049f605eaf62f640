import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError, ForbiddenError, InvalidInputError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import type { InsurerBill, Payment } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';

export interface PaymentRequest {
  readonly sp2dNumber: string;
  readonly sp2dDate: string;
  readonly amount: number;
  readonly kodeIuran: string;
}

/**
 * Who may record a bill's payment (separation of duties): not whoever accepted the bill, so that
 * no one person both says what is owed and says it was paid.
 */
export function requireNotAcceptor(bill: InsurerBill, caller: Caller): void {
  if (bill.acceptance?.byUserId === caller.userId) {
    throw new ForbiddenError(`${caller.username} accepted bill ${bill.billId} and cannot record its payment: another finance officer must.`);
  }
}

/**
 * Records an SP2D against an accepted bill. It must quote the bill's kode iuran; payments may be
 * partial but never exceed what acceptance made payable. The same SP2D recorded again is the
 * payment already recorded; the same number with other figures is a conflict.
 */
export async function recordPayment(store: RemittanceStore, billId: string, request: PaymentRequest, caller: Caller, at: Date): Promise<InsurerBill> {
  for (;;) {
    const bill = await requireBill(store, billId);
    const earlier = bill.payments.find((p) => p.sp2dNumber === request.sp2dNumber);
    if (earlier) {
      if (earlier.amount === request.amount && earlier.sp2dDate === request.sp2dDate && earlier.kodeIuran === request.kodeIuran) return bill;
      throw new ConflictError(`SP2D ${request.sp2dNumber} is already recorded on bill ${billId} for ${formatRupiah(earlier.amount)} on ${earlier.sp2dDate}: an SP2D number is used once.`, { sp2dNumber: earlier.sp2dNumber });
    }
    if (bill.status !== 'accepted' || !bill.acceptance) throw new ConflictError(`Bill ${billId} is ${bill.status}: a payment needs an accepted bill (\`npx lindung remit accept ${billId}\`).`);
    requireNotAcceptor(bill, caller);
    if (request.kodeIuran !== bill.kodeIuran) {
      throw new InvalidInputError('The kode iuran does not match the bill', [{ path: 'kodeIuran', message: `bill ${billId} is paid with kode iuran ${bill.kodeIuran}` }]);
    }
    const remaining = bill.acceptance.payable - bill.paid;
    if (request.amount > remaining) {
      throw new InvalidInputError(`Overpayment refused: ${formatRupiah(remaining)} remains to be paid on bill ${billId}`, [
        { path: 'amount', message: `must be at most ${formatRupiah(remaining)} (payable ${formatRupiah(bill.acceptance.payable)}, paid ${formatRupiah(bill.paid)})` },
      ]);
    }
    const payment: Payment = { ...request, recordedBy: caller.username, recordedByUserId: caller.userId, recordedAt: at.toISOString() };
    const paidNow = bill.paid + request.amount;
    const added = await store.addPayment(billId, payment, bill.acceptance.payable, auditEvent({
      caller,
      at,
      action: 'bill.paid',
      entityType: 'bill',
      entityId: billId,
      regulationId: bill.regulationId,
      summary: `SP2D ${request.sp2dNumber} tanggal ${request.sp2dDate}: ${formatRupiah(request.amount)} untuk tagihan ${bill.month} (${paidNow === bill.acceptance.payable ? 'lunas' : `sisa ${formatRupiah(bill.acceptance.payable - paidNow)}`}) / Payment recorded`,
    }));
    if (added) return requireBill(store, billId);
    // Another payment landed meanwhile: check again against the new total.
  }
}
