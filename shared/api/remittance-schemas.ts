import { z } from 'zod';
import { IsoDate, IsoMonth } from '../core/calendar/calendar';
import { NikText } from '../core/people/nik';
import { RegulationId } from '../core/regulation/regulation';
import { ArrearsWatch, MonthRemittance } from '../core/remittance/arrears';
import { ExpectedBill } from '../core/remittance/expected-bills';
import {
  BillAcceptance,
  BillFigures,
  BillHeader,
  BillId,
  BillLine,
  Discrepancy,
  DiscrepancyKind,
  InsurerBill,
  KodeIuran,
  Payment,
  Reconciliation,
} from '../core/remittance/insurer-bill';
import { NextCursor, PageQuery } from './page-query';

// The records themselves are the core's model; the API serves them as they are.
export { ArrearsWatch, BillAcceptance, BillFigures, BillHeader, BillLine, Discrepancy, ExpectedBill, InsurerBill, MonthRemittance, Payment, Reconciliation };

export const BillParams = z.object({ billId: BillId });
export const BillChunkParams = z.object({ billId: BillId, seq: z.coerce.number().int().min(0).max(99_999) });
export const RemittanceYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const ExpectedBillList = z.object({ regulationId: RegulationId, year: z.number().int(), bills: z.array(ExpectedBill) }).meta({ id: 'ExpectedBillList' });

export const OpenBillRequest = z.strictObject({
  header: BillHeader,
  fileName: z.string().trim().min(1).max(255),
  /** SHA-256 (hex) of the header and lines in file order, as shared/documents/remittance/insurer-bill-file.ts computes it. */
  fileDigest: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file, 64 hex digits'),
}).meta({ id: 'OpenBillRequest' });

export const BillChunkRequest = z.strictObject({ lines: z.array(BillLine).min(1).max(20_000) }).meta({ id: 'BillChunkRequest' });
export const BillChunkResult = z.object({ seq: z.number().int(), lines: z.number().int() }).meta({ id: 'BillChunkResult' });
export const CompleteBillRequest = z.strictObject({ chunks: z.number().int().min(0), lines: z.number().int().min(0) }).meta({ id: 'CompleteBillRequest' });

export const DiscrepanciesQuery = z.object({ kind: DiscrepancyKind.optional(), limit: PageQuery.shape.limit, cursor: PageQuery.shape.cursor });
export const DiscrepancyPage = z.object({ items: z.array(Discrepancy), nextCursor: NextCursor }).meta({ id: 'DiscrepancyPage' });

export const DisputeRequest = z.strictObject({ nik: NikText, note: z.string().trim().min(1).max(1000) }).meta({ id: 'DisputeRequest' });
export const AcceptBillRequest = z.strictObject({ note: z.string().trim().min(1).max(1000).optional() }).meta({ id: 'AcceptBillRequest' });
export const WithdrawBillRequest = z.strictObject({ reason: z.string().trim().min(1).max(1000) }).meta({ id: 'WithdrawBillRequest' });
export const RecordPaymentRequest = z.strictObject({
  sp2dNumber: z.string().trim().min(1).max(80),
  sp2dDate: IsoDate,
  amount: z.number().int('must be a whole number of rupiah').positive(),
  kodeIuran: KodeIuran,
}).meta({ id: 'RecordPaymentRequest' });

export const FetchBillRequest = z.strictObject({ month: IsoMonth }).meta({ id: 'FetchBillRequest' });
