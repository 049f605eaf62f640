import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type WorkflowName, workflowArnVariable } from '../../api/route-spec';
import type { WorkflowStarter } from '../../core/workflow-starter';

/**
 * Starts workflows with the Step Functions API: AWS in the cloud, the local stack's endpoint
 * when AWS_ENDPOINT_URL_SFN points at it.
 */
export class SfnWorkflowStarter implements WorkflowStarter {
  private readonly client = new SFNClient({});

  async start(workflow: WorkflowName, executionName: string, input: Record<string, unknown>): Promise<string> {
    const variable = workflowArnVariable(workflow);
    const stateMachineArn = process.env[variable];
    if (!stateMachineArn) throw new Error(`${variable} is not set: this route must declare that it starts ${workflow}`);
    try {
      const { executionArn } = await this.client.send(
        new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
      );
      return executionArn!;
    } catch (error) {
      // Started before and already finished: the work is done or under way; that is success.
      if (error instanceof ExecutionAlreadyExists) return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
      throw error;
    }
  }
}
