import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent, type AuditEvent } from '../audit/audit-event';
import { formatIndonesianMonth } from '../calendar/indonesian-dates';
import type { RunFigures } from '../coverage/coverage-report';
import type { Regulation } from '../regulation/regulation';
import { type ArrearsWatch, type MonthLedger, type MonthRemittance, type MonthState, watchArrears } from './arrears';
import { expectedBills } from './expected-bills';
import type { RemittanceStore } from './remittance-store';
import { formatPeople } from '../people/people-count';

/** The states a month's change into is audited (audit-actions.ts lists `remittance.<state>` for each). */
const STATE_WORDS = { late: 'terlambat / late', 'at-risk': 'berisiko / at risk', inactive: 'nonaktif / inactive', paid: 'lunas / paid' } as const satisfies Partial<Record<MonthState, string>>;
type AuditedState = keyof typeof STATE_WORDS;

function isAudited(month: MonthRemittance): month is MonthRemittance & { state: AuditedState } {
  return month.state in STATE_WORDS;
}

/**
 * Each month's remittance state of a regulation's year as of a Jakarta date, from the expected
 * bills (the runs' invoices), the imported bills and their payments.
 */
export async function arrearsOf(
  store: Pick<RemittanceStore, 'billsOfYear'>,
  regulation: Pick<Regulation, 'id' | 'wadahCode'>,
  year: number,
  runs: readonly RunFigures[],
  asOf: string,
  at: Date,
): Promise<ArrearsWatch> {
  const bills = await store.billsOfYear(regulation.id, year);
  const ledger: MonthLedger[] = expectedBills(regulation, year, runs, bills).map((bill) => ({
    month: bill.month,
    people: bill.controlCount,
    amount: bill.controlTotal,
    bySegment: Object.fromEntries(bill.segments.map((s) => [s.segment, s.people])),
    ...(bill.bill ? { bill: { billId: bill.bill.billId, status: bill.bill.status, paid: bill.bill.paid, ...(bill.bill.payable !== undefined ? { payable: bill.bill.payable } : {}) } } : {}),
  }));
  return watchArrears(regulation.id, year, ledger, asOf, at.toISOString());
}

/**
 * The daily arrears watch of one regulation and year (arrearsOf), stored with an audit event for
 * every month whose state became late, at risk, inactive or paid since the last watch.
 */
export async function recordArrears(
  store: RemittanceStore,
  regulation: Pick<Regulation, 'id' | 'wadahCode'>,
  year: number,
  runs: readonly RunFigures[],
  asOf: string,
  at: Date,
): Promise<ArrearsWatch> {
  const watch = await arrearsOf(store, regulation, year, runs, asOf, at);
  const before = new Map((await store.arrears(regulation.id, year))?.months.map((m) => [m.month, m.state]) ?? []);
  const audits: AuditEvent[] = watch.months
    .flatMap((m) => (!isAudited(m) || before.get(m.month) === m.state ? [] : [auditEvent({
      caller: SYSTEM_CALLER,
      at,
      action: `remittance.${m.state}`,
      entityType: 'regulation',
      entityId: regulation.id,
      summary: `Iuran ${formatIndonesianMonth(m.month)}: ${STATE_WORDS[m.state]} (jatuh tempo ${m.dueDate}, ${formatPeople(m.people)})`,
    })]));
  await store.saveArrears(watch, audits);
  return watch;
}
