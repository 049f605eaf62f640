import type { ImportStatus } from '../api/roster-schemas';
import { auditEvent } from '../audit/audit-event';
import type { Caller } from '../auth/roles';
import { ConflictError } from '../domain/errors';
import type { WorkflowStarter } from '../workflows/workflow-starter';
import { importStatusOf } from './import-status';
import type { ImportStore } from './import-store';
import { requireImport } from './require-import';

/**
 * Closes the upload and starts the import workflow, once every chunk the client announces has
 * arrived. Calling it again (a retry) starts nothing new: the execution name is the import id.
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
        summary: `Submitted import ${importId}: ${expected.rows} rows in ${expected.chunks} chunks`,
      }),
    );
  }
  if (record.status === 'receiving' || record.status === 'processing') {
    const executionArn = await workflows.start('rosterImport', importId, { importId });
    await store.setExecution(importId, executionArn);
  }
  const current = requireImport(await store.get(importId), importId);
  return importStatusOf(current, received, await store.shardCounts(importId));
}
