import { formatRupiah } from '../money/rupiah';
import type { BillFigures, BillHeader } from './insurer-bill';

/** How far a bill's lines are from its own control figures; undefined when they add up. */
export function controlDifference(header: Pick<BillHeader, 'controlCount' | 'controlTotal'>, received: BillFigures): { count: number; amount: number } | undefined {
  const count = received.people - header.controlCount;
  const amount = received.amount - header.controlTotal;
  return count === 0 && amount === 0 ? undefined : { count, amount };
}

/** The refusal of a bill that does not add up, with the difference and what to do. */
export function describeControlDifference(header: Pick<BillHeader, 'controlCount' | 'controlTotal'>, received: BillFigures): string {
  const difference = controlDifference(header, received) ?? { count: 0, amount: 0 };
  const people = (n: number) => `${Math.abs(n).toLocaleString('en-US')} ${Math.abs(n) === 1 ? 'person' : 'people'}`;
  const parts = [
    difference.count !== 0 ? `${people(difference.count)} ${difference.count > 0 ? 'more' : 'fewer'}` : undefined,
    difference.amount !== 0 ? `${formatRupiah(Math.abs(difference.amount))} ${difference.amount > 0 ? 'more' : 'less'}` : undefined,
  ].filter(Boolean);
  return `The bill says ${people(header.controlCount)} and ${formatRupiah(header.controlTotal)}, but its lines add up to ${people(received.people)} and ${formatRupiah(received.amount)} (${parts.join(', ')}). Ask the BPJS branch for a corrected bill.`;
}
