import { nikBucket } from '../../core/people/nik-bucket';
import { attemptPart, bucketPart } from './key-numbers';

export const COVER_END_PREFIX = 'ENDED#';

/** Main-table keys of enrollment (docs/data-model.md). */
export const enrollmentKeys = {
  /** The one entry per NIK and coverage year, across all regulations, next to the roster entry. */
  entry: (nik: string, year: number) => ({ pk: `PERSON#${nik}`, sk: `ENROLL#${year}` }),
  /** Index keys that list a regulation's entries for a year, bucket by bucket, by status. */
  entryIndex: (regulationId: string, year: number, bucket: number, status: string, nik: string) => ({
    gsi1pk: enrollmentPartition(regulationId, year, bucket),
    gsi1sk: `${status}#${nik}`,
  }),
  run: (runId: string) => ({ pk: `RUN#${runId}`, sk: 'META' }),
  /** A regulation's runs, newest first: the list is the regulation's, so it never crosses regions. */
  runIndex: (regulationId: string, startedAt: string) => ({ gsi1pk: `RUNS#${regulationId}`, gsi1sk: startedAt }),
  shard: (runId: string, attempt: number, bucket: number) => ({ pk: `RUN#${runId}`, sk: `SHARD#${attemptPart(attempt)}#${bucketPart(bucket)}` }),
  reservation: (runId: string, bucket: number, pageId: string) => ({ pk: reservationPartition(runId, bucket), sk: `RES#${pageId}` }),
  /**
   * The premiums committed against a proposal's approved amount, by every run and attempt, and
   * those life events released from it.
   */
  committed: (proposalId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: 'COMMITTED' }),
  /** How many of a run's people of a segment life events stopped billing after a month. */
  coverEnd: (runId: string, segment: string, lastBilledMonth: string) => ({ pk: `RUN#${runId}`, sk: `${COVER_END_PREFIX}${segment}#${lastBilledMonth}` }),
  /**
   * The BPJS branch's answer for one person of a proposal's registration file (the file channel):
   * a partition per NIK bucket, so a member file of a million people spreads its writes, and a
   * shard's reads stay in its bucket.
   */
  memberAnswer: (proposalId: string, nik: string) => ({ pk: `MEMBERS#${proposalId}#${bucketPart(nikBucket(nik))}`, sk: nik }),
};

/** A shard's progress item holds each page's outcome in its own attribute: `page#<page id>`. */
export const PAGE_ATTRIBUTE_PREFIX = 'page#';

export function enrollmentPartition(regulationId: string, year: number, bucket: number): string {
  return `ENROLL#${regulationId}#${year}#${bucketPart(bucket)}`;
}

/** A shard's reservations: one partition per run and NIK bucket. */
export function reservationPartition(runId: string, bucket: number): string {
  return `RUN#${runId}#${bucketPart(bucket)}`;
}
