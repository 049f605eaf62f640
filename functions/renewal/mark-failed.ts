import { now } from '../../shared/core/clock';
import { failRenewal } from '../../shared/core/renewal/fail-renewal';
import { RenewalFailureInput } from '../../shared/core/renewal/workflow-inputs';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores } from './stores';

export const handler = workflowTask(RenewalFailureInput, async ({ error, ...input }) =>
  failRenewal(renewalStores.renewals, { ...input, failure: failureCause(error) }, now()),
);
