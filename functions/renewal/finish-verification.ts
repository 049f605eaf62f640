import { now } from '../../shared/clock';
import { finishVerification } from '../../shared/renewal/finish-verification';
import { RenewalWorkflowInput } from '../../shared/renewal/workflow-inputs';
import { workflowTask } from '../../shared/workflows/workflow-task';
import { renewalRoster, renewalStores } from './stores';

export const handler = workflowTask(RenewalWorkflowInput, async (input) => finishVerification(renewalStores, renewalRoster, input, now()));
