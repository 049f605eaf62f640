import type { AgeProfile } from '../simulation/age-profile';
import type { AuditEvent } from '../audit/audit-event';
import type { RosterEntry } from './roster-entry';
import type { RosterMember } from './roster-member';

/** A roster member with the segment the roster lists them in. */
export type SegmentMember = RosterMember & { segment: string };

/** Which part of a bucket's people a page holds: of one segment or all, after a person, at most `limit`. */
export interface RosterPage {
  segment?: string;
  after?: { segment: string; nik: string };
  limit: number;
}

/** A winning entry that changes a person's name or birth date, stored with its audit event. */
export interface IdentityUpdate {
  entry: RosterEntry;
  replaced: RosterEntry;
  event: AuditEvent;
}

/**
 * What one page of an import's shard changes on the roster: winning entries (with the history of
 * what they replace) and identity updates (each with its history and audit event, atomically).
 */
export interface ImportedPage {
  importId: string;
  entries: RosterEntry[];
  replaced: RosterEntry[];
  identityUpdates: IdentityUpdate[];
}

/**
 * What one page of a renewal changes on the new year's roster: last year's entries carried
 * forward, and entries that must go (kept as history, as a replaced entry is).
 */
export interface RenewedPage {
  carried: RosterEntry[];
  dropped: RosterEntry[];
}

/**
 * Port: the roster ledger, one entry per person and coverage year across all regulations, listed
 * by regulation, year, NIK bucket and segment. Whoever writes a bucket's entries (an import's or a
 * renewal's shard) holds the bucket's lease, which enrollment runs take too (EnrollmentLedger), so
 * each bucket has one writer at a time. Use cases take the part they use (Pick<RosterLedger, ...>).
 */
export interface RosterLedger {
  /**
   * Takes the bucket's lease for an import. `fresh`: no other import ever wrote this bucket's
   * entries for the year, so an entry can exist only for a NIK this import stored itself.
   */
  acquireForImport(year: number, bucket: number, importId: string, now: Date): Promise<{ fresh: boolean }>;
  /** Takes the bucket's lease for a renewal, which writes entries no import has seen: later imports must read before they write. */
  acquireForRenewal(year: number, bucket: number, holder: string, now: Date): Promise<void>;
  release(year: number, bucket: number, holder: string): Promise<void>;

  /** These people's entries in a coverage year, whichever regulation holds them (strongly consistent; absent ones are missing). */
  entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>>;
  /** A regulation's roster of a year in one bucket, all segments, a page at a time. */
  bucketPages(regulationId: string, year: number, bucket: number): AsyncIterable<RosterEntry[]>;
  /** The NIKs of one segment in one NIK bucket, in ascending order. */
  segmentNiks(regulationId: string, year: number, segment: string, bucket: number): AsyncIterable<string>;
  /** A page of one segment's people in one bucket, after `afterNik`, in NIK order. */
  segmentPeople(
    regulationId: string,
    year: number,
    segment: string,
    bucket: number,
    afterNik: string | undefined,
    limit: number,
  ): Promise<{ people: RosterMember[]; more: boolean }>;
  /**
   * A page of a bucket's people, of every segment or of one, in segment and NIK order after
   * `page.after`, as the bucket's writer last left them (`refreshBucketViews`): read from the few
   * large items that writer packs its people into, so that listing a million people reads
   * hundreds of items. Only for showing people (a simulation's list): it may trail the last
   * writes by a moment, as the index does, so whatever decides money or cover reads `segmentPeople`.
   * A bucket without packs that hold is read from its entries.
   */
  bucketPeopleAsRefreshed(regulationId: string, year: number, bucket: number, page: RosterPage): Promise<{ people: SegmentMember[]; more: boolean }>;
  /** The regulation's headcount per segment for a year, counted from the entries. */
  headcount(regulationId: string, year: number): Promise<Record<string, number>>;
  /**
   * The regulation's people of a year by segment and age (simulation/age-profile.ts), from the
   * counts each bucket's writer keeps (`refreshBucketViews`); a bucket with none (written before
   * they were kept, or changed since by a life event) is counted from its entries.
   */
  ageProfile(regulationId: string, year: number): Promise<AgeProfile>;
  /**
   * Reads a bucket's people of the regulation and year again, after its writer (an import's or a
   * renewal's shard, holding the lease) has stored them, and keeps what reading all of them would
   * cost each reader: their counts by segment and age, and their list packed into a few large
   * items. Read from the roster's index, which may trail the last writes by a moment; the next
   * writer's refresh catches up.
   */
  refreshBucketViews(regulationId: string, year: number, bucket: number): Promise<void>;
  /**
   * Stops a bucket's ages and packed people from being read, before its writer changes its
   * entries: until that writer's refresh, readers read the entries, so a writer that stops part-way
   * leaves nothing stale behind.
   */
  markBucketViewsStale(regulationId: string, year: number, bucket: number): Promise<void>;

  /** Stores one page of an import's shard, under the bucket's lease. */
  writeImported(page: ImportedPage): Promise<void>;
  /** Stores one page of a renewal's shard, under the bucket's lease held by `holder`. */
  writeRenewed(page: RenewedPage, holder: string): Promise<void>;
}
