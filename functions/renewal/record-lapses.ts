import { DynamoDbCoverLedger } from '../../shared/adapters/dynamodb/dynamodb-cover-ledger';
import { lapseBucket } from '../../shared/core/renewal/lapse-bucket';
import { requireRenewal } from '../../shared/core/renewal/require-renewal';
import { RenewalBucketInput } from '../../shared/core/renewal/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores, roster } from './stores';

const cover = new DynamoDbCoverLedger();

/** Closing: who of one NIK bucket lapses on 31 December, and why; returns the counts by reason. */
export const handler = workflowTask(RenewalBucketInput, async ({ regulationId, year, attempt, bucket }) => {
  const record = requireRenewal(await renewalStores.renewals.get(regulationId, year), regulationId, year);
  const proposal = record.proposalId ? await renewalStores.proposals.get(record.proposalId) : undefined;
  return lapseBucket(
    { cover, roster, writeLapses: (people) => renewalStores.renewals.writeLapses(regulationId, year, bucket, people) },
    { regulationId, year, attempt, bucket, proposal },
  );
});
