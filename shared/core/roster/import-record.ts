import type { ImportStatus } from './import';

/**
 * What is stored about an import. Progress is not stored here: received chunks and shard counts
 * are summed when the status is read, so there is no counter to drift.
 */
export type ImportRecord = Omit<ImportStatus, 'processed' | 'accepted' | 'rejected' | 'warnings' | 'segments' | 'chunksReceived' | 'rowsReceived'> & {
  /** Final counts, set when the import completes (`warnings` absent on imports completed before warnings existed). */
  totals?: Pick<ImportStatus, 'processed' | 'accepted' | 'rejected' | 'segments'> & Partial<Pick<ImportStatus, 'warnings'>>;
  executionArn?: string;
  /** How many times a failed import was started again; names its workflow execution. */
  attempt?: number;
};
