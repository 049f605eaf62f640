import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { DynamoDbRosterLedger } from '../../shared/adapters/dynamodb/dynamodb-roster-ledger';
import { logger } from '../../shared/runtime/observability/powertools';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import type { OtherPayer } from '../../shared/core/roster/other-payer';
import { processBucket } from '../../shared/core/roster/process-bucket';
import { requireImport } from '../../shared/core/roster/require-import';
import { totalsOf } from '../../shared/core/roster/shard-counts';
import { ShardInput } from '../../shared/core/roster/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';

const imports = new DynamoDbImportStore();
const regulations = new DynamoDbRegulationStore();
const roster = new DynamoDbRosterLedger();
/** Another regulation's payer, remembered: its region and type never change. */
const payers = new Map<string, Promise<OtherPayer | undefined>>();
const otherPayerOf = (regulationId: string) => {
  if (!payers.has(regulationId)) {
    payers.set(regulationId, regulations.current(regulationId).then((other) => other && { region: other.jurisdiction, regulationType: other.legalBasis.type }));
  }
  return payers.get(regulationId)!;
};

export const handler = workflowTask(ShardInput, async ({ importId, bucket }) => {
  const started = Date.now();
  const record = requireImport(await imports.get(importId), importId);
  const regulation = requireRegulation(await regulations.version(record.regulationId, record.regulationVersion), record.regulationId);
  const { fresh } = await roster.acquireForImport(record.year, bucket, importId, new Date());
  try {
    const counts = await processBucket(imports.stagedRows(importId, bucket), { roster, imports, otherPayerOf }, {
      importId,
      bucket,
      regulation,
      coverageStart: record.coverageStart,
      ...(record.segment ? { segment: record.segment } : {}),
      updateIdentities: record.updateIdentities === true,
      openedBy: record.createdBy,
      now: new Date(),
      fresh,
    });
    logger.info('Shard processed', { importId, bucket, ...totalsOf(counts), ms: Date.now() - started });
    return { bucket, ...totalsOf(counts) };
  } finally {
    await roster.release(record.year, bucket, importId);
  }
});
