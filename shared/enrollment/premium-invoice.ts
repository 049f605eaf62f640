import type { PremiumInvoice } from '../api/enrollment-schemas';
import type { SegmentBudget } from '../api/budget-schemas';
import { multiplyRupiah } from '../domain/rupiah';

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
