import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { now } from '../../shared/core/clock';
import { failImport } from '../../shared/core/roster/fail-import';
import { ImportFailureInput } from '../../shared/core/roster/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';

const imports = new DynamoDbImportStore();

export const handler = workflowTask(ImportFailureInput, async ({ importId, error }) => failImport(imports, { importId, failure: failureCause(error) }, now()));
