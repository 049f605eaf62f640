import type { PremiumInvoice } from './enrollment-run';
import type { SegmentBudget } from '../budget/proposal';
import type { IsoMonth } from '../calendar/calendar';
import { multiplyRupiah } from '../money/rupiah';

type InvoiceLine = PremiumInvoice['lines'][number];

/** How many of a run's people of a segment a life event stopped billing after `lastBilledMonth` (billed-months.ts). */
export interface CoverEndCount {
  readonly segment: string;
  readonly lastBilledMonth: IsoMonth;
  readonly people: number;
}

/**
 * The premiums the insurer should bill for a cohort, month by month and segment by segment:
 * the people this run covered × the premium in force that month (from the proposal, which took
 * it from the effective-dated rates). Finance reconciles the insurer's monthly bill against it.
 */
export function premiumInvoice(segments: readonly Pick<SegmentBudget, 'segment' | 'monthlyPremiums'>[], enrolledBySegment: Readonly<Record<string, number>>): PremiumInvoice {
  const lines = segments.flatMap((segment) => {
    const people = enrolledBySegment[segment.segment] ?? 0;
    if (people === 0) return [];
    return segment.monthlyPremiums.map(({ month, premium }) => ({ month, segment: segment.segment, people, premium, amount: multiplyRupiah(people, premium) }));
  });
  return withTotals(lines);
}

/**
 * The invoice as billed now: the run's invoice when it finished, without the people whose cover a
 * death or removal ended, from the month after their last billed one. The stored invoice stays as
 * the run enrolled; this is applied whenever the run is viewed (run-view.ts), so an end recorded
 * after the run, or a retry that finishes the run again, is always counted.
 */
export function invoiceAfterCoverEnds(invoice: PremiumInvoice, ends: readonly CoverEndCount[]): PremiumInvoice {
  if (ends.length === 0) return invoice;
  const lines = invoice.lines.flatMap((line) => {
    const ended = ends.filter((end) => end.segment === line.segment && end.lastBilledMonth < line.month).reduce((sum, end) => sum + end.people, 0);
    const people = line.people - ended;
    return people > 0 ? [{ ...line, people, amount: multiplyRupiah(people, line.premium) }] : [];
  });
  return withTotals(lines);
}

function withTotals(lines: InvoiceLine[]): PremiumInvoice {
  lines.sort((a, b) => a.month.localeCompare(b.month) || a.segment.localeCompare(b.segment));
  const months = new Map<string, { month: string; people: number; amount: number }>();
  for (const line of lines) {
    const month = months.get(line.month) ?? { month: line.month, people: 0, amount: 0 };
    month.people += line.people;
    month.amount += line.amount;
    months.set(line.month, month);
  }
  const monthlyTotals = [...months.values()];
  return { lines, monthlyTotals, total: monthlyTotals.reduce((sum, month) => sum + month.amount, 0) };
}
