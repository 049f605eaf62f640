import type { Segment } from '../regulation/regulation';

/**
 * A segment covers people whose age is within its window, both ends inclusive: the age counted
 * on a roster's coverage start at import, and on 1 January of the new year at renewal. Where the
 * age lies against the window; undefined when inside it.
 */
export function outsideAgeWindow(age: number, eligibility: Segment['eligibility']): 'below' | 'above' | undefined {
  if (age < eligibility.minAge) return 'below';
  if (age > eligibility.maxAge) return 'above';
  return undefined;
}
