import { z } from 'zod';
import { IsoDate, IsoMonth } from '../calendar/calendar';
import { RegulationId } from '../regulation/regulation';
import { dueDate } from './due-date';
import { remittanceTermFor } from './remittance-terms';

export const MonthState = z.enum([
  /** Nobody is covered that month. */
  'none',
  /** The month has not begun. */
  'upcoming',
  /** Begun, not paid, not yet past its due date. */
  'due',
  /** Its accepted bill is paid in full. */
  'paid',
  /** Past its due date and not paid in full. */
  'late',
  /** Unpaid for as many consecutive months as put cover at risk: a claim for them may not be served. */
  'at-risk',
  /** Unpaid for as many consecutive months as end membership and protection. */
  'inactive',
]);
export type MonthState = z.infer<typeof MonthState>;

export const MonthRemittance = z.object({
  month: IsoMonth,
  dueDate: IsoDate,
  state: MonthState,
  /** The expected bill: people covered that month and their premiums. */
  people: z.number().int(),
  amount: z.number().int(),
  /** The insurer's bill holding the month, its status and what it allows to be paid. */
  billId: z.string().optional(),
  billStatus: z.string().optional(),
  payable: z.number().int().optional(),
  paid: z.number().int(),
  /** Consecutive months up to this one past their due date and unpaid. */
  unpaidStreak: z.number().int(),
}).meta({ id: 'MonthRemittance' });
export type MonthRemittance = z.infer<typeof MonthRemittance>;

export const ArrearsWatch = z.object({
  regulationId: RegulationId,
  year: z.number().int(),
  /** The Jakarta date the states are as of. */
  asOf: IsoDate,
  computedAt: z.string(),
  months: z.array(MonthRemittance),
  /**
   * If nothing more is paid: the day membership and protection become inactive, which unpaid
   * months cause it, and who is covered in the last of them, per segment.
   */
  losesCover: z.object({
    on: IsoDate,
    unpaidMonths: z.array(IsoMonth),
    people: z.number().int(),
    bySegment: z.record(z.string(), z.number().int()),
  }).optional(),
}).meta({ id: 'ArrearsWatch' });
export type ArrearsWatch = z.infer<typeof ArrearsWatch>;

/** A month of the year as the watch sees it: the expected bill and what was billed and paid. */
export interface MonthLedger {
  readonly month: IsoMonth;
  readonly people: number;
  readonly amount: number;
  readonly bySegment: Readonly<Record<string, number>>;
  readonly bill?: { readonly billId: string; readonly status: string; readonly payable?: number; readonly paid: number };
}

/**
 * Each month's remittance state as of a Jakarta date (the rule behind the daily arrears watch).
 * A month is paid when its accepted bill is paid in full; otherwise it is due until its due date
 * (remittance-terms.ts, due-date.ts) and late after it. Consecutive late months become at risk,
 * then inactive, at the counts the terms in force set. A partly paid month counts as unpaid: the
 * arrears must be paid.
 */
export function watchArrears(regulationId: string, year: number, ledger: readonly MonthLedger[], asOf: IsoDate, computedAt: string): ArrearsWatch {
  let streak = 0;
  const months = [...ledger].sort((a, b) => a.month.localeCompare(b.month)).map((entry): MonthRemittance => {
    const due = dueDate(entry.month);
    const paidInFull = entry.bill?.status === 'accepted' && entry.bill.payable !== undefined && entry.bill.paid >= entry.bill.payable;
    const overdue = asOf > due;
    const state = ((): MonthState => {
      if (entry.people === 0) return 'none';
      if (paidInFull) return 'paid';
      if (asOf < `${entry.month}-01`) return 'upcoming';
      if (!overdue) return 'due';
      const terms = remittanceTermFor(entry.month);
      if (streak + 1 >= terms.inactiveAfterUnpaidMonths) return 'inactive';
      if (streak + 1 >= terms.atRiskAfterUnpaidMonths) return 'at-risk';
      return 'late';
    })();
    streak = ['late', 'at-risk', 'inactive'].includes(state) ? streak + 1 : state === 'none' ? streak : 0;
    return {
      month: entry.month,
      dueDate: due,
      state,
      people: entry.people,
      amount: entry.amount,
      ...(entry.bill ? { billId: entry.bill.billId, billStatus: entry.bill.status, ...(entry.bill.payable !== undefined ? { payable: entry.bill.payable } : {}) } : {}),
      paid: entry.bill?.paid ?? 0,
      unpaidStreak: ['late', 'at-risk', 'inactive'].includes(state) ? streak : 0,
    };
  });
  const losesCover = whenCoverIsLost(months, ledger);
  return { regulationId, year, asOf, computedAt, months, ...(losesCover ? { losesCover } : {}) };
}

/**
 * If nothing more is paid: the first run of consecutive months not paid in full, counting months
 * not yet begun, long enough to end membership. Cover is lost the day after the due date of its
 * last month.
 */
function whenCoverIsLost(months: readonly MonthRemittance[], ledger: readonly MonthLedger[]): ArrearsWatch['losesCover'] {
  const unpaid: MonthRemittance[] = [];
  for (const month of months) {
    if (month.state === 'none') continue;
    if (month.state === 'paid') {
      unpaid.length = 0;
      continue;
    }
    unpaid.push(month);
    const needed = remittanceTermFor(unpaid[0]!.month).inactiveAfterUnpaidMonths;
    if (unpaid.length === needed) {
      const last = unpaid[unpaid.length - 1]!;
      const on = new Date(`${last.dueDate}T00:00:00Z`);
      on.setUTCDate(on.getUTCDate() + 1);
      const bySegment = ledger.find((l) => l.month === last.month)?.bySegment ?? {};
      return { on: on.toISOString().slice(0, 10), unpaidMonths: unpaid.map((m) => m.month), people: last.people, bySegment: { ...bySegment } };
    }
  }
  return undefined;
}
