import { createHash } from 'node:crypto';
import type { SegmentBudget, Snapshot } from '../api/budget-schemas';
import type { IsoMonth } from '../domain/calendar';
import { monthlyPremium } from '../domain/rates/monthly-premium';
import type { RateSchedule } from '../domain/rates/rate-schedule';
import type { Regulation } from '../domain/regulation';
import { multiplyRupiah } from '../domain/rupiah';

export interface ProposalInputs {
  regulation: Regulation;
  months: readonly IsoMonth[];
  cohort: 'original' | 'perubahan';
  /** The accepted roster for the year: headcount per segment, and its version. */
  roster: { version: number; segments: Readonly<Record<string, number>> };
  /** People per segment already funded by approved cohorts of the same year. */
  funded: Readonly<Record<string, number>>;
  schedule: RateSchedule;
}

/**
 * A budget proposal per segment: the eligible headcount (on the roster, not yet funded this
 * year) × the premium in force each month, in integer rupiah, and the snapshot it was computed
 * from. Pure: the same inputs always give the same proposal and hash.
 */
export function computeProposal(inputs: ProposalInputs): { segments: SegmentBudget[]; total: number; totalHeadcount: number; snapshot: Snapshot } {
  const segments = [...inputs.regulation.segments]
    .sort((a, b) => a.priority - b.priority)
    .map((segment): SegmentBudget => {
      const headcount = Math.max(0, (inputs.roster.segments[segment.code] ?? 0) - (inputs.funded[segment.code] ?? 0));
      const monthlyPremiums = inputs.months.map((month) => ({
        month,
        premium: monthlyPremium({ regulation: inputs.regulation, segment, month, schedule: inputs.schedule }).monthlyPremium,
      }));
      const amount = monthlyPremiums.reduce((sum, { premium }) => sum + multiplyRupiah(headcount, premium), 0);
      return { segment: segment.code, name: segment.name, priority: segment.priority, headcount, monthlyPremiums, months: inputs.months.length, amount };
    });
  const basis = {
    regulationId: inputs.regulation.id,
    regulationVersion: inputs.regulation.version,
    rosterVersion: inputs.roster.version,
    rateScheduleVersion: inputs.schedule.version,
    cohort: inputs.cohort,
    months: inputs.months,
    funded: inputs.funded,
  };
  return {
    segments,
    total: segments.reduce((sum, s) => sum + s.amount, 0),
    totalHeadcount: segments.reduce((sum, s) => sum + s.headcount, 0),
    snapshot: {
      regulationVersion: basis.regulationVersion,
      rosterVersion: basis.rosterVersion,
      rateScheduleVersion: basis.rateScheduleVersion,
      hash: createHash('sha256').update(JSON.stringify(basis)).digest('hex'),
    },
  };
}

export { perPersonCost } from './per-person-cost';
