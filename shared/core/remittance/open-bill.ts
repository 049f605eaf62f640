import type { Caller } from '../access/roles';
import { auditEvent } from '../audit/audit-event';
import { ConflictError } from '../errors';
import { formatRupiah } from '../money/rupiah';
import type { Regulation } from '../regulation/regulation';
import type { BillHeader, InsurerBill } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { formatPeople } from '../people/people-count';

export interface BillToOpen {
  readonly header: BillHeader;
  readonly fileName: string;
  /** SHA-256 of the header and lines in file order (shared/documents/remittance/insurer-bill-file.ts). */
  readonly fileDigest: string;
  readonly source: InsurerBill['source'];
}

/** A bill's id: the regulation, the month and the start of its digest, so the same file is the same bill. */
export function billIdFor(regulationId: string, month: string, fileDigest: string): string {
  return `${regulationId}-${month}-${fileDigest.slice(0, 10)}`;
}

/**
 * Opens an insurer's bill for a regulation's month, ready to receive its lines. The same file
 * again is the bill already open (a no-op); a different file for a month that has a bill is a
 * conflict naming it: withdraw that one first, unless it was accepted.
 */
export async function openBill(store: RemittanceStore, regulation: Regulation, request: BillToOpen, caller: Caller, at: Date): Promise<{ bill: InsurerBill; created: boolean }> {
  const { header } = request;
  for (;;) {
    const existing = await store.billOfMonth(regulation.id, header.month);
    if (existing) {
      if (existing.fileDigest === request.fileDigest) return { bill: existing, created: false };
      throw new ConflictError(
        `${header.month} of ${regulation.id} already has bill ${existing.billId} (kode iuran ${existing.kodeIuran}, ${existing.controlCount} people, ${formatRupiah(existing.controlTotal)}, ${existing.status}), from another file. ${
          existing.status === 'accepted' ? 'It was accepted and cannot be replaced.' : `To replace it with a corrected bill, withdraw it first (\`npx lindung remit withdraw ${existing.billId}\`).`
        }`,
        { billId: existing.billId, status: existing.status },
      );
    }
    const bill: InsurerBill = {
      billId: billIdFor(regulation.id, header.month, request.fileDigest),
      regulationId: regulation.id,
      year: Number(header.month.slice(0, 4)),
      month: header.month,
      wadahCode: regulation.wadahCode,
      kodeIuran: header.kodeIuran,
      controlCount: header.controlCount,
      controlTotal: header.controlTotal,
      fileName: request.fileName,
      fileDigest: request.fileDigest,
      source: request.source,
      status: 'receiving',
      received: { people: 0, amount: 0 },
      paid: 0,
      payments: [],
      attempt: 1,
      importedBy: caller.username,
      importedByUserId: caller.userId,
      importedAt: at.toISOString(),
    };
    const event = auditEvent({
      caller,
      at,
      action: 'bill.opened',
      entityType: 'bill',
      entityId: bill.billId,
      regulationId: bill.regulationId,
      summary: `Tagihan ${header.month} (kode iuran ${header.kodeIuran}) dibuka: ${formatPeople(header.controlCount)}, ${formatRupiah(header.controlTotal)} / Bill for ${header.month} opened from ${request.fileName}`,
    });
    if (await store.open(bill, event)) return { bill, created: true };
    // Not opened: either another bill took the month meanwhile (read it again), or this very file
    // was imported before and refused or withdrawn, and its bill keeps the id: it cannot open again.
    const earlier = await store.bill(bill.billId);
    if (earlier && (earlier.status === 'refused' || earlier.status === 'withdrawn')) {
      throw new ConflictError(
        `This file was imported before as bill ${earlier.billId}, which was ${earlier.status}${earlier.failure ? ` (${earlier.failure})` : ''}. Import the corrected bill the BPJS branch sends instead.`,
        { billId: earlier.billId, status: earlier.status },
      );
    }
  }
}
