import type { ImportStatus } from './import';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../access/roles';
import { ConflictError } from '../errors';
import type { WorkflowStarter } from '../workflow-starter';
import { importStatusOf } from './import-status';
import type { ImportStore } from './import-store';
import { requireImport } from './require-import';
import { formatCount } from '../people/people-count';

/**
 * Closes the upload and starts the import workflow, once every chunk the client announces has
 * arrived. Calling it again (a retry) starts nothing new: the execution name is the import id
 * (and attempt). On a failed import it starts the workflow again: every step is idempotent, so a
 * second attempt finishes what the first left.
 */
export async function completeImport(
  store: ImportStore,
  workflows: WorkflowStarter,
  importId: string,
  expected: { chunks: number; rows: number },
  caller: Caller,
  now: Date,
): Promise<ImportStatus> {
  const record = requireImport(await store.get(importId), importId);
  const received = await store.received(importId);
  if (record.status === 'receiving') {
    const missing = Array.from({ length: expected.chunks }, (_, seq) => seq).filter((seq) => !received.chunks.includes(seq));
    if (missing.length > 0 || received.rows !== expected.rows) {
      throw new ConflictError(
        `Import ${importId} is incomplete: ${missing.length} of ${expected.chunks} chunks missing` +
          `${missing.length > 0 ? ` (first: ${missing.slice(0, 5).join(', ')})` : ''}, ${received.rows} of ${expected.rows} rows received. ` +
          `Resume it with \`npx lindung roster import --resume ${importId} --file FILE ...\`.`,
        { missing: missing.slice(0, 100), rowsReceived: received.rows },
      );
    }
    await store.startProcessing(
      importId,
      expected.rows,
      auditEvent({
        caller,
        at: now,
        action: 'roster.import.submitted',
        entityType: 'regulation',
        entityId: record.regulationId,
        summary: `Submitted import ${importId}: ${formatCount(expected.rows)} rows in ${formatCount(expected.chunks)} chunks`,
      }),
    );
  }
  if (record.status === 'failed') {
    await store.retryFailed(
      importId,
      auditEvent({
        caller,
        at: now,
        action: 'roster.import.retried',
        entityType: 'regulation',
        entityId: record.regulationId,
        summary: `Started failed import ${importId} again (it had failed: ${record.failure ?? 'no reason recorded'})`,
      }),
    );
  }
  const current = requireImport(await store.get(importId), importId);
  if (current.status === 'processing') {
    const executionName = current.attempt ? `${importId}-${current.attempt}` : importId;
    await store.setExecution(importId, await workflows.start('rosterImport', executionName, { importId }));
  }
  return importStatusOf(requireImport(await store.get(importId), importId), received, await store.shardCounts(importId));
}
