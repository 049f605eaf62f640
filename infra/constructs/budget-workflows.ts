import { Duration } from 'aws-cdk-lib';
import { Fail, JsonPath, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { DataTables } from './data-tables';
import { WorkflowStateMachine } from './workflow-state-machine';
import { workflowTaskFunction } from './workflow-task-function';

/**
 * The budget workflows. A proposal's wait for finance can last weeks, so no execution waits:
 * BudgetProposal computes the proposal and ends at "pending decision"; the decision API records
 * the decision and, when a ceiling cuts a segment, starts CeilingAllocation to find exactly who
 * fits. Both end the same way on AWS and locally (no task tokens).
 */
export class BudgetWorkflows extends Construct {
  readonly proposal: WorkflowStateMachine;
  readonly ceilingAllocation: WorkflowStateMachine;

  constructor(scope: Construct, id: string, props: { tables: DataTables }) {
    super(scope, id);
    const tables = props.tables;
    const computeFn = workflowTaskFunction(this, 'ComputeProposalFunction', {
      entry: 'functions/budget/compute-proposal.ts',
      description: 'Budget: headcount × premium × months per segment, and the snapshot',
      // A top-up looks up who is funded already person by person (roster-funding.ts).
      timeout: Duration.minutes(15),
      tables,
    });
    const allocateFn = workflowTaskFunction(this, 'AllocateCeilingFunction', {
      entry: 'functions/budget/allocate-ceiling.ts',
      description: 'Budget: exactly who a ceiling funds in the segment it cuts',
      timeout: Duration.minutes(15),
      tables,
    });
    const failedFn = workflowTaskFunction(this, 'MarkProposalFailedFunction', {
      entry: 'functions/budget/mark-proposal-failed.ts',
      description: 'Budget: record why a proposal workflow failed',
      timeout: Duration.seconds(30),
      tables,
    });

    const markFailed = (name: string) =>
      new LambdaInvoke(this, `${name}MarkFailed`, {
        lambdaFunction: failedFn,
        payload: TaskInput.fromObject({ proposalId: JsonPath.stringAt('$.proposalId'), error: JsonPath.objectAt('$.error') }),
        payloadResponseOnly: true,
        resultPath: JsonPath.DISCARD,
      }).next(new Fail(this, `${name}Failed`, { error: 'ProposalFailed', cause: 'See the proposal for the reason.' }));

    const compute = new LambdaInvoke(this, 'ComputeProposal', { lambdaFunction: computeFn, payloadResponseOnly: true });
    compute.addCatch(markFailed('Compute'), { resultPath: '$.error' });
    this.proposal = new WorkflowStateMachine(this, 'Proposal', {
      comment: 'Budget proposal: compute it, then end at pending-decision',
      definition: compute,
      timeout: Duration.minutes(15),
      functions: [computeFn, failedFn],
    });

    const allocate = new LambdaInvoke(this, 'AllocateCeiling', { lambdaFunction: allocateFn, payloadResponseOnly: true });
    allocate.addCatch(markFailed('Allocate'), { resultPath: '$.error' });
    this.ceilingAllocation = new WorkflowStateMachine(this, 'CeilingAllocation', {
      comment: 'Budget approved with a ceiling: find exactly who fits',
      definition: allocate,
      timeout: Duration.hours(1),
      functions: [allocateFn, failedFn],
    });
  }
}
