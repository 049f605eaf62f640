import { now } from '../../shared/core/clock';
import { logger } from '../../shared/runtime/observability/powertools';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { carryForwardBucket } from '../../shared/core/renewal/carry-forward-bucket';
import { renewalHolder } from '../../shared/core/renewal/renewal-identity';
import { requireRenewal } from '../../shared/core/renewal/require-renewal';
import { RenewalBucketInput } from '../../shared/core/renewal/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores, roster } from './stores';

/** Carries one NIK bucket of last year's roster forward, under the bucket's lease (retried while another holds it). */
export const handler = workflowTask(RenewalBucketInput, async ({ regulationId, year, attempt, bucket }) => {
  const started = Date.now();
  const record = requireRenewal(await renewalStores.renewals.get(regulationId, year), regulationId, year);
  const regulation = requireRegulation(await renewalStores.regulations.version(regulationId, record.regulationVersion), regulationId);
  const holder = renewalHolder(regulationId, year);
  // Leases are measured in real time: the business clock may jump.
  await roster.acquireForRenewal(year, bucket, holder, new Date());
  try {
    const diff = await carryForwardBucket({ roster, lifeEvents: renewalStores.lifeEvents, renewals: renewalStores.renewals }, { regulation, year, attempt, bucket, holder, now: now() });
    await renewalStores.renewals.saveBucketDiff(regulationId, year, attempt, bucket, diff);
    logger.info('Renewal bucket carried forward', { regulationId, year, attempt, bucket, ms: Date.now() - started });
    return { bucket };
  } finally {
    await roster.release(year, bucket, holder);
  }
});
