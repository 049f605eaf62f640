import type { LifeEvent } from './life-event';
import type { AuditEvent } from '../audit/audit-event';
import type { CoveredEntry } from '../renewal/cover-ledger';
import type { RosterEntry } from '../roster/roster-entry';
import type { CoverChanges } from './cover-changes';

/** Port: life events, and what recording one needs to read and change. */
export interface LifeEventStore {
  /** A person's life events, death first. */
  ofPerson(nik: string): Promise<LifeEvent[]>;
  /** A regulation's life events of the people of one NIK bucket, by NIK. */
  ofBucket(regulationId: string, bucket: number): Promise<Map<string, LifeEvent[]>>;
  /** The person's roster entry of a year, whichever regulation holds it. */
  rosterEntry(nik: string, year: number): Promise<RosterEntry | undefined>;
  /** The person's cover of a year on the enrollment ledger, whichever regulation holds it. */
  cover(nik: string, year: number): Promise<CoveredEntry | undefined>;
  /**
   * Stores the event with its audit event and its changes in one transaction: each cover end on
   * the enrollment ledger (only if the entry is still as read) with its money given back to the
   * proposal and its invoice months; the next year's roster entry removed (kept as history) and
   * the roster's headcount and version moved. False when an event of the same kind for the same
   * roster year exists already; ConflictError when the cover or the next year's roster changed
   * meanwhile.
   */
  record(event: LifeEvent, audit: AuditEvent, changes: CoverChanges): Promise<boolean>;
}
