import { z } from 'zod';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import type { RunFigures } from '../coverage/coverage-report';
import { RegulationId, type Regulation, WadahCode } from '../regulation/regulation';
import { dueDate } from './due-date';
import { BillStatus, type InsurerBill, KodeIuran } from './insurer-bill';

export const ExpectedBill = z.object({
  regulationId: RegulationId,
  wadahCode: WadahCode,
  month: IsoMonth,
  dueDate: IsoDate,
  segments: z.array(z.object({ segment: z.string(), people: z.number().int(), amount: z.number().int() })),
  /** People to be billed: the bill's control count. */
  controlCount: z.number().int(),
  /** Their premiums, integer rupiah: the bill's control total. */
  controlTotal: z.number().int(),
  /** The insurer's bill imported for the month, if any. */
  bill: z.object({
    billId: z.string(),
    status: BillStatus,
    kodeIuran: KodeIuran,
    controlCount: z.number().int(),
    controlTotal: z.number().int(),
    payable: z.number().int().optional(),
    paid: z.number().int(),
  }).optional(),
}).meta({ id: 'ExpectedBill' });
export type ExpectedBill = z.infer<typeof ExpectedBill>;

/**
 * What the insurer should bill a regulation's collective account (wadah) month by month: the
 * people each enrollment run covers that month × the premium, per segment, from the runs'
 * invoices, which leave out the people whose cover a death or removal ended (premium-invoice.ts).
 * Runs of the original APBD and of a top-up are billed together on the one account.
 */
export function expectedBills(regulation: Pick<Regulation, 'id' | 'wadahCode'>, year: number, runs: readonly RunFigures[], bills: readonly InsurerBill[]): ExpectedBill[] {
  const byMonth = new Map<string, Map<string, { people: number; amount: number }>>();
  for (const run of runs.filter((r) => r.year === year)) {
    for (const line of run.invoice?.lines ?? []) {
      const segments = byMonth.get(line.month) ?? new Map<string, { people: number; amount: number }>();
      const segment = segments.get(line.segment) ?? { people: 0, amount: 0 };
      segment.people += line.people;
      segment.amount += line.amount;
      segments.set(line.segment, segment);
      byMonth.set(line.month, segments);
    }
  }
  return [...byMonth.keys()].sort().map((month) => {
    const segments = [...byMonth.get(month)!].sort(([a], [b]) => a.localeCompare(b)).map(([segment, figures]) => ({ segment, ...figures }));
    const bill = bills.find((b) => b.month === month);
    return {
      regulationId: regulation.id,
      wadahCode: regulation.wadahCode,
      month,
      dueDate: dueDate(month),
      segments,
      controlCount: segments.reduce((sum, s) => sum + s.people, 0),
      controlTotal: segments.reduce((sum, s) => sum + s.amount, 0),
      ...(bill
        ? {
            bill: {
              billId: bill.billId,
              status: bill.status,
              kodeIuran: bill.kodeIuran,
              controlCount: bill.controlCount,
              controlTotal: bill.controlTotal,
              ...(bill.acceptance ? { payable: bill.acceptance.payable } : {}),
              paid: bill.paid,
            },
          }
        : {}),
    };
  });
}
