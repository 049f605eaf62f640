import type { LifeEvent } from './life-event';

/**
 * Whether a life event ends a person's cover under `regulationId` by the end of `year`, so that
 * the person is not renewed into it: a death on or before 31 December ends every cover; a removal
 * ends the roster entry it was recorded against (of this year, or of the year renewed from).
 */
export function endsCoverBy(event: LifeEvent, regulationId: string, year: number): boolean {
  if (event.effectiveDate > `${year}-12-31`) return false;
  if (event.kind === 'death') return true;
  return event.regulationId === regulationId && (event.year === year || event.year === year - 1);
}
