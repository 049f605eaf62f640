import type { BillHeader, BillLine } from './insurer-bill';

/**
 * Port: the insurer's monthly bill, for when BPJS Ketenagakerjaan offers it by API. No public
 * partner API could be found, so the bill arrives as a file today; the API is assumed to answer
 * the same content as the file (docs/remittance.md). Adapters: shared/adapters/insurer/
 * http-insurer-billing.ts, against the local simulator (infra/local/insurer-simulator-bills.ts).
 */
export interface InsurerBilling {
  /** The bill of one month of a collective account: its header, then its lines in the insurer's order. */
  monthlyBill(request: MonthlyBillRequest): Promise<{ header: BillHeader; lines: AsyncIterable<BillLine> }>;
}

export interface MonthlyBillRequest {
  readonly wadahCode: string;
  readonly collectiveAccount: string;
  /** YYYY-MM */
  readonly month: string;
}
