import type { AuditEvent } from '../audit/audit-event';
import type { ProposalRecord } from './proposal-record';

/** Port: budget proposals. Every change is stored together with its audit event. */
export interface ProposalStore {
  /** False, storing nothing, when a proposal with the record's id exists already. */
  create(record: ProposalRecord, event: AuditEvent): Promise<boolean>;
  get(proposalId: string): Promise<ProposalRecord | undefined>;
  list(filter: { regulationId: string }): Promise<ProposalRecord[]>;
  /**
   * Replaces the record if its status is still `expectedStatus` (and, when given, its snapshot
   * hash still `expectedHash`): false when someone else changed it first.
   */
  update(record: ProposalRecord, expected: { status: ProposalRecord['status']; snapshotHash?: string }, event: AuditEvent): Promise<boolean>;
  /**
   * Replaces a decided record by `record` (its decision withdrawn) if the proposal is still at
   * `expected` (status, and the decision made at `decidedAt`) and no enrollment run exists for it;
   * false otherwise. The run's creation checks the decision in turn (RunStore.create), so a
   * withdrawal and a run start can never both succeed.
   */
  withdrawDecision(record: ProposalRecord, expected: { status: ProposalRecord['status']; decidedAt: string }, event: AuditEvent): Promise<boolean>;
  /**
   * Replaces a pending, unreviewed record by `record` (its review added) if it still waits for a
   * decision on the snapshot `snapshotHash` and nobody reviewed it meanwhile; false otherwise.
   */
  recordReview(record: ProposalRecord, expected: { snapshotHash: string }, event: AuditEvent): Promise<boolean>;
  setExecution(proposalId: string, executionArn: string): Promise<void>;
}
