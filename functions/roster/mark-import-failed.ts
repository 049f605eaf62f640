import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { auditEvent } from '../../shared/core/audit/audit-event';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { requireImport } from '../../shared/core/roster/require-import';
import { ImportFailureInput } from '../../shared/core/roster/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { now } from '../../shared/core/clock';

const imports = new DynamoDbImportStore();

export const handler = workflowTask(ImportFailureInput, async ({ importId, error }) => {
  const record = requireImport(await imports.get(importId), importId);
  const reason = failureCause(error);
  await imports.fail(
    importId,
    reason,
    auditEvent({
      caller: SYSTEM_CALLER,
      at: now(),
      action: 'roster.import.failed',
      entityType: 'regulation',
      entityId: record.regulationId,
      summary: `Import ${importId} failed (${reason}). Its rows are kept; start it again with --resume.`,
    }),
  );
  return { importId, status: 'failed' };
});
