import type { LifeEvent } from '../api/renewal-schemas';
import type { AuditEvent } from '../api/schemas';
import type { RosterEntry } from '../rosters/roster-entry';

/** Port: life events, and what recording one needs to read and change. */
export interface LifeEventStore {
  /** A person's life events, death first. */
  ofPerson(nik: string): Promise<LifeEvent[]>;
  /** The person's roster entry of a year, whichever regulation holds it. */
  rosterEntry(nik: string, year: number): Promise<RosterEntry | undefined>;
  /**
   * Stores the event with its audit event, and ends the person's cover of that year on the
   * enrollment ledger if they are enrolled (the end moves only earlier), in one transaction.
   * False when an event of the same kind for the same roster year exists already.
   */
  record(event: LifeEvent, audit: AuditEvent): Promise<boolean>;
}
