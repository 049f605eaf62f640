import type { LeaverReason } from './renewal';
import type { LifeEvent } from '../life-events/life-event';
import { ageOn, type IsoDate } from '../calendar/calendar';
import type { Segment } from '../regulation/regulation';
import { endsCoverBy } from '../life-events/ends-cover';
import { outsideAgeWindow } from '../roster/age-window';
import type { RosterEntry } from '../roster/roster-entry';

export interface RenewalContext {
  readonly regulationId: string;
  /** The year renewed into. */
  readonly year: number;
  /** The regulation's segments now, by code. */
  readonly segments: ReadonlyMap<string, Segment>;
}

export type Verdict =
  /** Carry the entry into the new year; `agingOutOn` when the person leaves the age window during it. */
  | { readonly kind: 'carry'; readonly agingOutOn?: IsoDate }
  /** Already on this regulation's roster for the new year (imported again, or carried by an earlier run). */
  | { readonly kind: 'unchanged'; readonly agingOutOn?: IsoDate }
  /** Not renewed. `dropNext`: the person's entry for the new year must go too (it is this regulation's). */
  | { readonly kind: 'leave'; readonly reason: LeaverReason; readonly date?: IsoDate; readonly dropNext: boolean };

/**
 * Re-verifies one person of last year's roster for the new year:
 * 1. a death, or a removal from this regulation, effective by 31 December of the new year: leaves;
 * 2. on another regulation's roster for the new year: leaves (covered there; never twice);
 * 3. already on this regulation's roster for the new year: unchanged;
 * 4. the regulation no longer has the segment: leaves;
 * 5. outside the segment's age window on 1 January (the rule roster imports apply on their
 *    coverage start): leaves as aged out;
 * 6. otherwise carried forward, flagged when the person leaves the window during the year.
 */
export function verifyPerson(previous: RosterEntry, next: RosterEntry | undefined, events: readonly LifeEvent[], context: RenewalContext): Verdict {
  const ours = next !== undefined && next.regulationId === context.regulationId;
  const ending = events.find((event) => endsCoverBy(event, context.regulationId, context.year));
  if (ending) {
    return { kind: 'leave', reason: ending.kind === 'death' ? 'deceased' : 'removed', date: ending.effectiveDate, dropNext: ours };
  }
  if (next !== undefined && !ours) return { kind: 'leave', reason: 'other-regulation', dropNext: false };

  const segment = context.segments.get(next?.segment ?? previous.segment);
  if (!segment) return { kind: 'leave', reason: 'segment-ended', dropNext: ours };
  const agingOutOn = leavesWindowOn(previous.birthDate, segment, context.year);
  if (ours) return agingOutOn ? { kind: 'unchanged', agingOutOn } : { kind: 'unchanged' };

  const start = `${context.year}-01-01`;
  const age = ageOn(previous.birthDate, start);
  if (outsideAgeWindow(age, segment.eligibility)) {
    return { kind: 'leave', reason: 'aged-out', date: birthday(previous.birthDate, segment.eligibility.maxAge + 1), dropNext: false };
  }
  return agingOutOn ? { kind: 'carry', agingOutOn } : { kind: 'carry' };
}

/** The day within `year` the person turns maxAge + 1, if it falls in the year. */
function leavesWindowOn(birthDate: IsoDate, segment: Segment, year: number): IsoDate | undefined {
  const day = birthday(birthDate, segment.eligibility.maxAge + 1);
  return day.startsWith(`${year}-`) && day !== `${year}-01-01` ? day : undefined;
}

/** The date someone born on `birthDate` turns `age` (29 February counts on 1 March in other years). */
function birthday(birthDate: IsoDate, age: number): IsoDate {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + age, month - 1, day)).toISOString().slice(0, 10);
}
