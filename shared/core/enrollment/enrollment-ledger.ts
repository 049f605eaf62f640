import type { EnrollmentEntry } from './enrollment-entry';
import type { PageOutcome, PageTally } from './page-tally';

/**
 * The money and the insurer calls of one page of people, written before the insurer is called.
 * One per page: a later attempt replaces a settled one to retry its failures. After a crash the
 * page resumes with the same people in the same batches under the same idempotency keys, so the
 * insurer answers what it did the first time and the money is counted once.
 */
export interface Reservation {
  readonly runId: string;
  readonly bucket: number;
  /** `<segment>#<page number>`: pages are the segment's funded people of the bucket in NIK order (ENROLLMENT_PAGE_SIZE at a time). */
  readonly pageId: string;
  readonly attempt: number;
  readonly niks: readonly string[];
  readonly amount: number;
  readonly status: 'reserved' | 'settled';
  /** Once settled: the whole page's outcome, so a resumed shard can skip it. */
  readonly tally?: PageTally;
}

export type ReserveOutcome = 'reserved' | 'over-budget';

/** Port: the enrollment ledger (entries, reservations, the committed money, shard progress). */
export interface EnrollmentLedger {
  /**
   * Takes the NIK bucket's lease (shared with roster imports): one writer per bucket and year.
   * `fresh`: no other run ever enrolled people of this bucket and year.
   */
  acquireBucket(year: number, bucket: number, runId: string): Promise<{ fresh: boolean }>;
  releaseBucket(year: number, bucket: number, runId: string): Promise<void>;
  /** The entries of these people for the year, by NIK (strongly consistent). */
  entries(year: number, niks: readonly string[]): Promise<Map<string, EnrollmentEntry>>;
  write(entries: readonly EnrollmentEntry[]): Promise<void>;
  /** A shard's reservations, by page id. */
  reservations(runId: string, bucket: number): Promise<Map<string, Reservation>>;
  /**
   * Stores the reservation and adds its amount to the proposal's committed money in one
   * transaction, only if the committed total stays within `cap` and the page has no reservation
   * of this or a later attempt.
   */
  reserve(proposalId: string, cap: number, reservation: Reservation): Promise<ReserveOutcome>;
  /** Settles a page some of whose people the insurer refused, giving their money back: once per reservation. */
  settle(proposalId: string, reservation: Reservation, tally: PageTally, refund: number): Promise<void>;
  /**
   * Writes the page's entries and the reservation settled, in one batch: for a page with no money
   * to give back (everyone covered, or nobody funded because the money ran out).
   */
  writeSettled(entries: readonly EnrollmentEntry[], reservation: Reservation, tally: PageTally): Promise<void>;
  /**
   * Adds these pages' outcomes to the attempt's progress of the bucket, keeping the pages reported
   * before (a re-run of the shard reports a page again with the same outcome), and whether the
   * attempt has gone through every page of the bucket.
   */
  progress(runId: string, bucket: number, attempt: number, pages: ReadonlyMap<string, PageOutcome>, done: boolean): Promise<void>;
}
