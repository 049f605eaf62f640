import type { SegmentBudget } from './proposal';
import type { Regulation } from '../regulation/regulation';

/**
 * A segment's targetHeadcount is a quota unless the regulation says `overTarget: allow`: a
 * proposal funds at most the target for the year (less the people of the segment funded already
 * this year), and the eligible people over it are counted apart with the money they would need,
 * for finance to fund explicitly or not. Which of them are within the quota is decided like a
 * ceiling's cut, in ascending NIK order (funded-by-allocation.ts).
 */
export function withinTarget(
  regulation: Pick<Regulation, 'overTarget'>,
  segment: { targetHeadcount: number },
  people: { eligible: number; alreadyFunded: number },
): { headcount: number; overTarget: number } {
  if (regulation.overTarget === 'allow') return { headcount: people.eligible, overTarget: 0 };
  const room = Math.max(0, segment.targetHeadcount - people.alreadyFunded);
  const headcount = Math.min(people.eligible, room);
  return { headcount, overTarget: people.eligible - headcount };
}

/** The segments as finance funds them when it approves the people over the quotas too. */
export function withOverTargetFunded(segments: readonly SegmentBudget[]): SegmentBudget[] {
  return segments.map(({ overTarget, overTargetAmount, ...segment }) => ({
    ...segment,
    headcount: segment.headcount + (overTarget ?? 0),
    amount: segment.amount + (overTargetAmount ?? 0),
  }));
}
