import type { RenewalPeopleKind, RenewalPerson } from './renewal';
import type { AuditEvent } from '../audit/audit-event';
import type { BucketDiff } from './bucket-diff';
import type { DiffPerson } from './diff-person';
import type { RenewalRecord } from './renewal-record';

/** Port: renewals, their per-bucket diffs and listed people. Every change is stored with its audit event. */
export interface RenewalStore {
  get(regulationId: string, year: number): Promise<RenewalRecord | undefined>;
  /** False when the renewal exists already (another trigger won). */
  create(record: RenewalRecord, event: AuditEvent): Promise<boolean>;
  /** Replaces the record if its status and attempt are still the expected ones; false otherwise. */
  update(record: RenewalRecord, expected: Pick<RenewalRecord, 'status' | 'attempt'>, event: AuditEvent): Promise<boolean>;
  setExecution(regulationId: string, year: number, executionArn: string): Promise<void>;
  saveBucketDiff(regulationId: string, year: number, attempt: number, bucket: number, diff: BucketDiff): Promise<void>;
  bucketDiffs(regulationId: string, year: number, attempt: number): Promise<BucketDiff[]>;
  /**
   * Stores the verified renewal with the new year's recounted headcount as the regulation's
   * roster for that year (a new roster version), if that roster is still at `rosterVersion`:
   * false when an import changed it meanwhile.
   */
  finishVerification(record: RenewalRecord, headcount: Record<string, number>, rosterVersion: number, event: AuditEvent): Promise<boolean>;
  /** Writes the people a page of one bucket's diff lists, for the attempt. */
  writeDiffPeople(where: { regulationId: string; year: number; attempt: number; bucket: number }, people: readonly DiffPerson[]): Promise<void>;
  /** Writes the people who lapsed on 31 December, found while closing one bucket. */
  writeLapses(regulationId: string, year: number, bucket: number, people: readonly RenewalPerson[]): Promise<void>;
  /** One page of the people of a kind in one bucket, in NIK order (`attempt` selects the diff; lapses have none). */
  people(
    where: { regulationId: string; year: number; attempt: number; kind: RenewalPeopleKind; bucket: number },
    after: string | undefined,
    limit: number,
  ): Promise<{ people: RenewalPerson[]; more: boolean }>;
}
