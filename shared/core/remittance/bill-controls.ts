import type { BillFigures, BillHeader } from './insurer-bill';

/**
 * A bill's header states how many lines it has and what they add up to (its control figures).
 * A bill whose lines do not add up to them is incomplete or damaged, so it is refused whole and
 * the insurer asked for a corrected one: reconciling part of a bill would dispute people who are
 * merely missing from a truncated file.
 */

/** The bill's lines less its control figures: negative when lines are missing. */
export interface ControlDifference {
  /** Lines received − controlCount. */
  readonly count: number;
  /** Σ amounts received − controlTotal, integer rupiah. */
  readonly amount: number;
}

/** Undefined when the lines add up to the header's control figures. */
export function controlDifference(header: Pick<BillHeader, 'controlCount' | 'controlTotal'>, received: BillFigures): ControlDifference | undefined {
  const count = received.people - header.controlCount;
  const amount = received.amount - header.controlTotal;
  return count === 0 && amount === 0 ? undefined : { count, amount };
}

/**
 * What an office reads when a bill does not add up, e.g. "The bill says 12,928 people and
 * Rp217,190,400, but its lines add up to 12,927 people and Rp217,173,600 (1 person and Rp16,800
 * fewer). Ask the BPJS branch for a corrected bill."
 */
export function describeControlDifference(header: Pick<BillHeader, 'controlCount' | 'controlTotal'>, received: BillFigures): string {
  const said = `${people(header.controlCount)} and ${rupiah(header.controlTotal)}`;
  const difference = controlDifference(header, received);
  if (!difference) return `The bill's lines add up to its control figures: ${said}.`;
  return (
    `The bill says ${said}, but its lines add up to ${people(received.people)} and ${rupiah(received.amount)} ` +
    `(${describeGap(difference)}). Ask the BPJS branch for a corrected bill.`
  );
}

/** `1 person and Rp16,800 fewer`, `2 people fewer and Rp5,000 more`, `Rp16,800 less`. */
function describeGap({ count, amount }: ControlDifference): string {
  const direction = (n: number, less: string) => (n < 0 ? less : 'more');
  if (count === 0) return `${rupiah(Math.abs(amount))} ${direction(amount, 'less')}`;
  if (amount === 0) return `${people(Math.abs(count))} ${direction(count, 'fewer')}`;
  if (Math.sign(count) === Math.sign(amount)) return `${people(Math.abs(count))} and ${rupiah(Math.abs(amount))} ${direction(count, 'fewer')}`;
  return `${people(Math.abs(count))} ${direction(count, 'fewer')} and ${rupiah(Math.abs(amount))} ${direction(amount, 'less')}`;
}

/** English messages group thousands with commas (formatRupiah is for Indonesian text). */
function people(count: number): string {
  return `${count.toLocaleString('en')} ${Math.abs(count) === 1 ? 'person' : 'people'}`;
}

function rupiah(amount: number): string {
  return `${amount < 0 ? '-' : ''}Rp${Math.abs(amount).toLocaleString('en')}`;
}
