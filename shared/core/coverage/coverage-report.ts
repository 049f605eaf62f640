import type { Proposal } from '../budget/proposal';
import type { Coverage } from './coverage';
import type { RosterSummary } from '../roster/roster-summary';
import { regionName } from '../people/regions';
import type { Regulation } from '../regulation/regulation';
import type { InsurerBill } from '../remittance/insurer-bill';

/**
 * The figures of an enrollment run that coverage counts: its invoice lines (people and premium
 * per month of cover and segment) and the premiums committed against the approved amount.
 */
export interface RunFigures {
  readonly year: number;
  readonly committedAmount: number;
  readonly invoice?: { readonly lines: readonly { month: string; segment: string; people: number; amount: number }[] };
}

export interface CoverageInputs {
  readonly regulation: Regulation;
  readonly year: number;
  readonly roster: RosterSummary | undefined;
  /** The regulation's proposals (any year; those of other years are ignored). */
  readonly proposals: readonly Proposal[];
  /** The regulation's enrollment runs of the year and the years before (for continuity). */
  readonly runs: readonly RunFigures[];
  /** The insurer's bills of the year that hold their month, with what was paid against them. */
  readonly bills: readonly Pick<InsurerBill, 'month' | 'status' | 'paid' | 'acceptance'>[];
}

/**
 * Covered headcount by segment and category against the target, money approved, committed and
 * spent (paid to the insurer: "covered" is enrolled, `months[].paid` is covered and paid), and
 * cover month by month, from the roster, the approved proposals and the enrollment runs.
 *
 * A run's people in a segment are the most it invoices for any one month (each person is billed
 * once a month, from the run's first month to December), so runs of the original APBD and of a
 * top-up add up without counting anyone twice.
 */
export function coverageReport(inputs: CoverageInputs): Coverage {
  const { regulation, year } = inputs;
  const proposals = inputs.proposals.filter((p) => p.year === year);
  const approved = proposals.filter((p) => p.status === 'approved');
  const runs = inputs.runs.filter((r) => r.year === year);

  const funded = new Map<string, number>();
  for (const proposal of approved) {
    const allocation = proposal.allocation ?? proposal.segments.map((s) => ({ segment: s.segment, funded: s.headcount }));
    for (const a of allocation) funded.set(a.segment, (funded.get(a.segment) ?? 0) + a.funded);
  }

  const covered = new Map<string, number>();
  const monthly = new Map<string, { covered: number; premiums: number }>(yearMonths(year).map((m) => [m, { covered: 0, premiums: 0 }]));
  for (const run of runs) {
    const peak = new Map<string, number>();
    for (const line of run.invoice?.lines ?? []) {
      peak.set(line.segment, Math.max(peak.get(line.segment) ?? 0, line.people));
      const month = monthly.get(line.month);
      if (month) {
        month.covered += line.people;
        month.premiums += line.amount;
      }
    }
    for (const [segment, people] of peak) covered.set(segment, (covered.get(segment) ?? 0) + people);
  }

  const segments = [...regulation.segments]
    .sort((a, b) => a.priority - b.priority)
    .map((s) => ({
      segment: s.code,
      name: s.name,
      category: s.category,
      priority: s.priority,
      target: s.targetHeadcount,
      onRoster: inputs.roster?.segments[s.code] ?? 0,
      funded: funded.get(s.code) ?? 0,
      covered: covered.get(s.code) ?? 0,
    }));
  const sum = (pick: (s: (typeof segments)[number]) => number, of = segments) => of.reduce((total, s) => total + pick(s), 0);
  const categories = [...new Set(segments.map((s) => s.category))].map((category) => {
    const inCategory = segments.filter((s) => s.category === category);
    return { category, target: sum((s) => s.target, inCategory), covered: sum((s) => s.covered, inCategory) };
  });
  const totals = { target: sum((s) => s.target), onRoster: sum((s) => s.onRoster), funded: sum((s) => s.funded), covered: sum((s) => s.covered) };
  const bills = inputs.bills.filter((bill) => bill.month.startsWith(`${year}-`));
  const paidInFull = new Set(bills.filter((bill) => bill.status === 'accepted' && bill.acceptance && bill.paid >= bill.acceptance.payable).map((bill) => bill.month));
  const months = [...monthly].map(([month, figures]) => ({ month, ...figures, paid: paidInFull.has(month) ? figures.covered : 0 }));

  return {
    regulationId: regulation.id,
    title: regulation.title,
    jurisdiction: regulation.jurisdiction,
    regionName: regionName(regulation.jurisdiction) ?? regulation.jurisdiction,
    year,
    segments,
    categories,
    totals,
    shareOfTarget: totals.target > 0 ? totals.covered / totals.target : 0,
    budget: {
      approved: approved.reduce((total, p) => total + (p.approvedAmount ?? 0), 0),
      committed: runs.reduce((total, r) => total + r.committedAmount, 0),
      spent: bills.reduce((total, bill) => total + bill.paid, 0),
      pendingDecision: proposals.filter((p) => p.status === 'pending-decision').length,
    },
    months,
    monthsOfContinuousCover: continuousMonths(inputs.runs.filter((r) => r.year <= year), year),
    enrollmentRuns: runs.length,
  };
}

function yearMonths(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Consecutive months with cover, back from the year's last covered month, across years. */
function continuousMonths(runs: readonly RunFigures[], year: number): number {
  const covered = new Set(runs.flatMap((run) => (run.invoice?.lines ?? []).filter((line) => line.people > 0).map((line) => line.month)));
  let month = yearMonths(year).reverse().find((m) => covered.has(m));
  let streak = 0;
  while (month && covered.has(month)) {
    streak += 1;
    month = previousMonth(month);
  }
  return streak;
}

function previousMonth(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return index === 1 ? `${year - 1}-12` : `${year}-${String(index - 1).padStart(2, '0')}`;
}
