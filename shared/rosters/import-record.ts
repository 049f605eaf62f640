import type { ImportStatus } from '../api/roster-schemas';

/**
 * What is stored about an import. Progress is not stored here: received chunks and shard counts
 * are summed when the status is read, so there is no counter to drift.
 */
export type ImportRecord = Omit<ImportStatus, 'processed' | 'accepted' | 'rejected' | 'segments' | 'chunksReceived' | 'rowsReceived'> & {
  /** Final counts, set when the import completes. */
  totals?: Pick<ImportStatus, 'processed' | 'accepted' | 'rejected' | 'segments'>;
  executionArn?: string;
  /** How many times a failed import was started again; names its workflow execution. */
  attempt?: number;
};
