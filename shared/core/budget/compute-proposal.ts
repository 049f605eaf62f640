import { createHash } from 'node:crypto';
import type { SegmentBudget, Snapshot } from './proposal';
import type { IsoMonth } from '../calendar/calendar';
import { monthlyPremium } from '../money/rates/monthly-premium';
import type { RateSchedule } from '../money/rates/rate-schedule';
import type { SegmentAlreadyFunded } from './roster-funding';
import { withinTarget } from './segment-quota';
import type { Regulation } from '../regulation/regulation';
import { multiplyRupiah } from '../money/rupiah';

export interface ProposalInputs {
  regulation: Regulation;
  months: readonly IsoMonth[];
  cohort: 'original' | 'perubahan';
  /** The accepted roster for the year: headcount per segment, and its version. */
  roster: { version: number; segments: Readonly<Record<string, number>> };
  /** Per segment: people on its roster already funded this year (funded-this-year.ts), whatever segment funded them. */
  alreadyFunded: Readonly<Record<string, SegmentAlreadyFunded>>;
  schedule: RateSchedule;
}

/**
 * A budget proposal per segment: the eligible headcount (on the roster, not yet funded this year,
 * within the segment's quota) × the premium in force each month, in integer rupiah, and the
 * snapshot it was computed from. People already funded are listed with no money; people over the
 * quota are listed with the money they would need. Pure: the same inputs always give the same
 * proposal and hash.
 */
export function computeProposal(inputs: ProposalInputs): { segments: SegmentBudget[]; total: number; totalHeadcount: number; snapshot: Snapshot } {
  const segments = [...inputs.regulation.segments]
    .sort((a, b) => a.priority - b.priority)
    .map((segment): SegmentBudget => {
      const funded = inputs.alreadyFunded[segment.code];
      const eligible = Math.max(0, (inputs.roster.segments[segment.code] ?? 0) - (funded?.alreadyFunded ?? 0));
      const { headcount, overTarget } = withinTarget(inputs.regulation, segment, { eligible, alreadyFunded: funded?.alreadyFunded ?? 0 });
      const monthlyPremiums = inputs.months.map((month) => ({
        month,
        premium: monthlyPremium({ regulation: inputs.regulation, segment, month, schedule: inputs.schedule }).monthlyPremium,
      }));
      const costOf = (people: number) => monthlyPremiums.reduce((sum, { premium }) => sum + multiplyRupiah(people, premium), 0);
      const amount = costOf(headcount);
      return {
        segment: segment.code,
        name: segment.name,
        priority: segment.priority,
        headcount,
        monthlyPremiums,
        months: inputs.months.length,
        amount,
        ...(overTarget > 0 ? { overTarget, overTargetAmount: costOf(overTarget) } : {}),
        ...(funded && funded.alreadyFunded > 0 ? { alreadyFunded: funded.alreadyFunded } : {}),
        ...(funded && Object.keys(funded.movedFrom).length > 0 ? { movedFrom: funded.movedFrom } : {}),
      };
    });
  const basis = {
    regulationId: inputs.regulation.id,
    regulationVersion: inputs.regulation.version,
    rosterVersion: inputs.roster.version,
    rateScheduleVersion: inputs.schedule.version,
    cohort: inputs.cohort,
    months: inputs.months,
    alreadyFunded: inputs.alreadyFunded,
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
