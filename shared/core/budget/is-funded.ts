import type { SegmentAllocation } from './proposal';

type Allocation = Pick<SegmentAllocation, 'funded' | 'unfunded' | 'lastFundedNik'>;

/**
 * Whether an approved proposal funds this person of the segment: everyone when the segment is
 * funded whole; in a segment a ceiling cut, everyone up to the last funded NIK in ascending order.
 */
export function isFunded(allocation: Allocation, nik: string): boolean {
  if (allocation.funded === 0) return false;
  return allocation.unfunded === 0 || (allocation.lastFundedNik !== undefined && nik <= allocation.lastFundedNik);
}
