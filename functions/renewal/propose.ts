import { now } from '../../shared/clock';
import { proposeRenewal } from '../../shared/renewal/propose-renewal';
import { RenewalWorkflowInput } from '../../shared/renewal/workflow-inputs';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { renewalStores, workflows } from './stores';

export const handler = workflowTask(RenewalWorkflowInput, async (input) => proposeRenewal(renewalStores, workflows, input, now()));
