import { ConflictError, InvalidInputError } from '../errors';
import type { BillLine } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';

/** Stores one chunk of a bill's lines; every line must bill the bill's month. Sending a chunk again is harmless. */
export async function receiveBillLines(store: RemittanceStore, billId: string, seq: number, lines: readonly BillLine[]): Promise<{ seq: number; lines: number }> {
  const bill = await requireBill(store, billId);
  if (bill.status !== 'receiving') throw new ConflictError(`Bill ${billId} is ${bill.status}: it takes no more lines.`);
  const strays = lines.filter((line) => line.month !== bill.month);
  if (strays.length > 0) {
    throw new InvalidInputError(`Lines bill another month than the bill's ${bill.month}`, strays.slice(0, 20).map((line) => ({ path: `line ${line.line}`, message: `bills ${line.month}; a bill covers one month` })));
  }
  await store.receiveChunk(billId, seq, lines);
  return { seq, lines: lines.length };
}
