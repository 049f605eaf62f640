import { now } from '../../shared/core/clock';
import { proposeRenewal } from '../../shared/core/renewal/propose-renewal';
import { RenewalWorkflowInput } from '../../shared/core/renewal/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores, workflows } from './stores';

export const handler = workflowTask(RenewalWorkflowInput, async (input) => proposeRenewal(renewalStores, workflows, input, now()));
