import { SYSTEM_CALLER } from '../access/system-caller';
import { auditEvent } from '../audit/audit-event';
import type { ImportStore } from './import-store';
import { requireImport } from './require-import';

/** Records why the import workflow failed, visibly; the rows received are kept for a resume. */
export async function failImport(
  imports: Pick<ImportStore, 'get' | 'fail'>,
  input: { importId: string; failure: string },
  now: Date,
): Promise<{ importId: string; status: 'failed' }> {
  const { importId, failure } = input;
  const record = requireImport(await imports.get(importId), importId);
  await imports.fail(
    importId,
    failure,
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now,
      action: 'roster.import.failed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Import ${importId} failed (${failure}). Its rows are kept; start it again with --resume.`,
    }),
  );
  return { importId, status: 'failed' };
}
