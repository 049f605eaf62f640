import type { EnrollmentRun } from './enrollment-run';
import type { AuditEvent } from '../audit/audit-event';
import type { PageOutcome, ShardTally } from './page-tally';
import type { CoverEndCount } from './premium-invoice';

/**
 * What is stored about a run. Its counts while running are not stored here: they are summed from
 * its shards' progress when the run is viewed (runTally in run-view.ts).
 */
export type RunRecord = Omit<EnrollmentRun, 'counts' | 'committedAmount' | 'releasedAmount' | 'failureReasons'> & {
  /** People the proposal funds. */
  planned: number;
  /** The sum of the shards' tallies when the last attempt finished. */
  tally?: ShardTally;
};

/** A proposal's money as enrollment moved it: committed by runs (less releases), and released by life events. */
export interface ProposalMoney {
  committed: number;
  released: number;
}

/** What one attempt's shard of a NIK bucket has reported so far. */
export interface ShardProgress {
  attempt: number;
  bucket: number;
  /** The outcome of each page the attempt has finished, by page id (`<segment>#<page number>`). */
  pages: Readonly<Record<string, PageOutcome>>;
  /** The attempt went through every page of the bucket. */
  done: boolean;
}

/** Port: enrollment runs. Every change is written with its audit event, conditional on the state it was made on. */
export interface RunStore {
  /**
   * False when the run exists already (another start won), or when its proposal is no longer
   * approved by the decision made at `approval.decidedAt` (it was withdrawn meanwhile).
   */
  create(record: RunRecord, approval: { decidedAt: string }, event: AuditEvent): Promise<boolean>;
  get(runId: string): Promise<RunRecord | undefined>;
  list(filter: { regulationId: string }): Promise<RunRecord[]>;
  /** Replaces the run if it is still at `expected` (status and attempt); false otherwise. */
  update(record: RunRecord, expected: Pick<RunRecord, 'status' | 'attempt'>, event: AuditEvent): Promise<boolean>;
  shards(runId: string): Promise<ShardProgress[]>;
  money(proposalId: string): Promise<ProposalMoney>;
  /** How many of the run's people life events ended cover for, by segment and last billed month. */
  coverEnds(runId: string): Promise<CoverEndCount[]>;
}
