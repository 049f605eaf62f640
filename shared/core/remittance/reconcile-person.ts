import { maskNik } from '../people/personal-data';
import { formatRupiah } from '../money/rupiah';
import type { BillLine, Discrepancy, DiscrepancyKind } from './insurer-bill';
import type { MonthCover } from './month-cover';
import type { CoveredEntry } from '../renewal/cover-ledger';

/** One person's comparison: what the ledger expects of them this month, what the bill charged. */
export interface PersonComparison {
  readonly nik: string;
  readonly bucket: number;
  /** The person's cover under this regulation, if the ledger has any this year. */
  readonly entry: CoveredEntry | undefined;
  readonly cover: MonthCover;
  /** The bill's lines for the person, in file order. */
  readonly lines: readonly BillLine[];
}

/**
 * The one rule of reconciliation: whether a person's bill lines are what the ledger expects, and
 * if not, the one reason that explains it best. A person has at most one discrepancy; when two
 * apply, the one that changes what may be paid most comes first: not covered at all, then cover
 * that ended, then a second line, then a wrong amount.
 */
export function reconcilePerson(person: PersonComparison): Discrepancy | undefined {
  const { cover, lines } = person;
  const billed = lines.reduce((sum, line) => sum + line.amount, 0);
  const expected = cover.kind === 'covered' ? cover.premium : 0;
  const found = (kind: DiscrepancyKind, detail: string): Discrepancy => ({
    nik: person.nik,
    kind,
    bucket: person.bucket,
    name: person.entry?.name ?? lines[0]?.name ?? '',
    lines: lines.map((line) => line.line),
    ...(person.entry?.kpj ?? lines[0]?.kpj ? { kpj: person.entry?.kpj ?? lines[0]?.kpj } : {}),
    segment: person.entry?.segment ?? lines[0]?.segment ?? '',
    expected,
    billed,
    detail,
  });
  const masked = maskNik(person.nik);

  if (cover.kind === 'ended') {
    if (lines.length === 0) return undefined;
    const why = cover.endReason === 'deceased' ? 'died' : 'was removed from the roster';
    return found('billed-after-cover-ended', `${masked} ${why}; cover was billed through ${cover.lastBilledMonth}. Dispute the line: the insurer must not bill this month.`);
  }
  if (cover.kind === 'outside') {
    if (lines.length === 0) return undefined;
    return found('not-enrolled', `${masked} has no cover with this regulation for the month${person.entry ? ` (cover runs ${person.entry.coverageStart} to ${person.entry.coverageEnd})` : ''}. Dispute the line, or check whether another payer enrolled them.`);
  }
  if (lines.length === 0) {
    return found('not-billed', `${masked} is covered (KPJ ${person.entry?.kpj ?? '—'}) but not on the bill. Ask the branch why: an unbilled month may leave a claim unpaid.`);
  }
  if (lines.length > 1) {
    return found('billed-twice', `${masked} is billed on ${lines.length} lines (${lines.map((l) => l.line).join(', ')}) for one month. Dispute all but one.`);
  }
  if (billed !== expected) {
    return found('amount-differs', `Billed ${formatRupiah(billed)}, but the premium for the month is ${formatRupiah(expected)}. Dispute the line, or check the rate the branch applied.`);
  }
  return undefined;
}

/**
 * What disputing a discrepancy holds back from payment: what was billed beyond what the ledger
 * expects. The whole line of someone not covered, the second line of someone billed twice, the
 * excess of a wrong amount; never the premium a covered person is owed, so a dispute cannot leave
 * their month unpaid and put their cover at risk.
 */
export function amountInDispute(discrepancy: Pick<Discrepancy, 'billed' | 'expected'>): number {
  return Math.max(0, discrepancy.billed - discrepancy.expected);
}
