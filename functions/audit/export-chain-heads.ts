import { chainHeadArchiveOfEnv } from '../../shared/adapters/audit-export/chain-head-archive-of-env';
import { DynamoDbAuditTrail } from '../../shared/adapters/dynamodb/dynamodb-audit-trail';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { exportChainHeads } from '../../shared/core/audit/export-chain-heads';
import { ChainHeadExportInput } from '../../shared/core/audit/workflow-inputs';
import { jakartaDate } from '../../shared/core/calendar/jakarta-date';
import { now } from '../../shared/core/clock';
import { logger } from '../../shared/runtime/observability/powertools';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';

const stores = { regulations: new DynamoDbRegulationStore(), trail: new DynamoDbAuditTrail(), archive: chainHeadArchiveOfEnv() };

/** The daily export of the chain heads (ChainHeadExport workflow, started by the schedule). */
export const handler = workflowTask(ChainHeadExportInput, async ({ scheduledTime }) => {
  const at = now();
  // The day the schedule fired for, so a late or retried run still exports that day.
  const outcome = await exportChainHeads(stores, { date: jakartaDate(scheduledTime ? new Date(scheduledTime) : at), at });
  logger.info('Chain heads exported', outcome);
  return outcome;
});
