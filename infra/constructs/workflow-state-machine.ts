import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type IChainable, DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface WorkflowStateMachineProps {
  readonly definition: IChainable;
  readonly timeout: Duration;
  readonly comment: string;
  /** The Lambda functions its tasks invoke. */
  readonly functions: readonly IFunction[];
}

/**
 * A Standard workflow with Lindung's defaults: full execution logging and X-Ray tracing.
 * Workflows pass keys and counts between states, never personal data, so logging execution data
 * exposes none.
 */
export class WorkflowStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(props.definition),
      stateMachineType: StateMachineType.STANDARD,
      timeout: props.timeout,
      comment: props.comment,
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', { retention: RetentionDays.SIX_MONTHS }),
        level: LogLevel.ALL,
        includeExecutionData: true,
      },
    });
    Validations.of(this.stateMachine).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'CloudWatch Logs delivery and X-Ray actions for Step Functions do not support resource-level permissions.',
      },
      ...props.functions.map((fn) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: "CDK's LambdaInvoke grants the function's versions and aliases (ARN:*) of this one function only.",
      })),
    );
  }
}
