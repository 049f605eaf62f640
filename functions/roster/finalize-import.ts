import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { logger } from '../../shared/runtime/observability/powertools';
import { finalizeImport } from '../../shared/core/roster/finalize-import';
import { ImportWorkflowInput } from '../../shared/core/roster/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { now } from '../../shared/core/clock';

const imports = new DynamoDbImportStore();

export const handler = workflowTask(ImportWorkflowInput, async ({ importId }) => {
  const started = Date.now();
  const status = await finalizeImport(imports, importId, now());
  logger.info('Import finalised', { importId, status: status.status, accepted: status.accepted, rejected: status.rejected, ms: Date.now() - started });
  return { importId, status: status.status, accepted: status.accepted, rejected: status.rejected };
});
