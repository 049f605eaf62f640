import type { LifeEvent } from '../life-events/life-event';
import type { RenewalPeopleKind, RenewalPerson } from './renewal';
import type { RosterEntry } from '../roster/roster-entry';

/** A person the diff lists: who joined, left (with the reason), or leaves the age window during the year. */
export type DiffPerson = RenewalPerson & { kind: Exclude<RenewalPeopleKind, 'lapsed'> };

/** Port: the rosters a renewal reads and writes, one NIK bucket at a time, under the bucket's lease. */
export interface RenewalRoster {
  acquire(year: number, bucket: number, holder: string, now: Date): Promise<void>;
  release(year: number, bucket: number, holder: string): Promise<void>;
  /** A regulation's roster of a year in one bucket, all segments, a page at a time. */
  pages(regulationId: string, year: number, bucket: number): AsyncIterable<RosterEntry[]>;
  /** The entries of these people in a year, whichever regulation holds them (strongly consistent). */
  entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>>;
  /** The regulation's life events of the bucket's people, by NIK. */
  lifeEvents(regulationId: string, bucket: number): Promise<Map<string, LifeEvent[]>>;
  /**
   * Stores a page's outcome: carried entries, entries that must go (kept as history, like a
   * replaced entry), and the diff's people of this attempt.
   */
  write(page: { carried: RosterEntry[]; dropped: RosterEntry[]; people: DiffPerson[] }, where: { regulationId: string; year: number; attempt: number; bucket: number; holder: string }): Promise<void>;
  /** The regulation's headcount per segment for a year, counted from the entries. */
  headcount(regulationId: string, year: number): Promise<Record<string, number>>;
}
