import { now } from '../../shared/core/clock';
import { finishVerification } from '../../shared/core/renewal/finish-verification';
import { RenewalWorkflowInput } from '../../shared/core/renewal/workflow-inputs';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { renewalStores, roster } from './stores';

export const handler = workflowTask(RenewalWorkflowInput, async (input) => finishVerification(renewalStores, roster, input, now()));
