import { NotFoundError } from '../errors';
import type { InsurerBill } from './insurer-bill';
import type { RemittanceStore } from './remittance-store';

export async function requireBill(store: Pick<RemittanceStore, 'bill'>, billId: string): Promise<InsurerBill> {
  const bill = await store.bill(billId);
  if (!bill) throw new NotFoundError(`No bill ${billId}. List a regulation's bills with \`npx lindung remit bills --regulation ID --year Y\`.`);
  return bill;
}
