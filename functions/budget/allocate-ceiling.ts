import { completeAllocation } from '../../shared/core/budget/complete-allocation';
import { ProposalWorkflowInput } from '../../shared/core/budget/workflow-inputs';
import { now } from '../../shared/core/clock';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';
import { fundingStores } from './funding-stores';

export const handler = workflowTask(ProposalWorkflowInput, async ({ proposalId }) => completeAllocation(fundingStores, proposalId, now()));
