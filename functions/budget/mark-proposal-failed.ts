import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { failProposal } from '../../shared/core/budget/fail-proposal';
import { ProposalFailureInput } from '../../shared/core/budget/workflow-inputs';
import { now } from '../../shared/core/clock';
import { failureCause } from '../../shared/runtime/workflows/failure-cause';
import { workflowTask } from '../../shared/runtime/workflows/workflow-task';

const proposals = new DynamoDbProposalStore();

export const handler = workflowTask(ProposalFailureInput, async ({ proposalId, error }) => failProposal(proposals, { proposalId, failure: failureCause(error) }, now()));
