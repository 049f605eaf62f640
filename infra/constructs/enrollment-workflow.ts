import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { type CfnStateMachine, DistributedMap, Fail, JsonPath, StateMachineType, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RETRYABLE_INSURER_ERRORS } from '../../shared/core/enrollment/insurer-errors';
import type { DataTables } from './data-tables';
import { WorkflowTasks } from './workflow-task-function';
import { WorkflowStateMachine } from './workflow-state-machine';

/**
 * Enrolls an approved proposal's people with the insurer: plan one shard per NIK bucket, enroll
 * the shards in a Distributed Map (child executions on AWS, so a million people never meet the
 * 25,000-event history limit), then finish: counts, failure reasons, premium invoice.
 *
 * Every step can run again (a retry, a resume after a restart locally, a retry of the failures):
 * shards skip settled pages and resend interrupted ones with the same idempotency key. A shard
 * fails only for infrastructure reasons (people the insurer refuses are recorded, not thrown), so
 * the Map tolerates no failed shard: one that still fails after its retries fails the attempt,
 * and `retry-failed` resumes it.
 */
export class EnrollmentWorkflow extends Construct {
  readonly workflow: WorkflowStateMachine;
  /** The partner API's base URL, key and collective account (JSON), set by an operator after deploy. */
  readonly insurerSecret: Secret;

  constructor(scope: Construct, id: string, props: { tables: DataTables }) {
    super(scope, id);
    this.insurerSecret = new Secret(this, 'InsurerApi', {
      description: 'Lindung: BPJS Ketenagakerjaan partner API as JSON {"baseUrl","apiKey","collectiveAccount"}',
    });
    Validations.of(this.insurerSecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason: 'The partner API key is issued and rotated by BPJS Ketenagakerjaan, not by a Lambda rotation function; operators put the new key in the secret.',
    });

    const tasks = new WorkflowTasks(this, props.tables);

    const plan = new LambdaInvoke(this, 'PlanRun', {
      lambdaFunction: tasks.add('PlanRun', 'functions/enrollment/plan-run.ts', 'Enrollment: one shard per NIK bucket', Duration.seconds(30)),
      payloadResponseOnly: true,
      resultPath: '$.plan',
    });

    const shardFunction = tasks.add('EnrollShard', 'functions/enrollment/enroll-shard.ts', "Enrollment: one NIK bucket's people with the insurer", Duration.minutes(15), 1024);
    shardFunction.addEnvironment('INSURER_SECRET_ARN', this.insurerSecret.secretArn);
    this.insurerSecret.grantRead(shardFunction);
    const enrollShard = new LambdaInvoke(this, 'EnrollShard', { lambdaFunction: shardFunction, payloadResponseOnly: true });
    // Another import or run holds the bucket: wait for it.
    enrollShard.addRetry({ errors: ['BucketBusyError'], interval: Duration.seconds(2), backoffRate: 1.5, maxDelay: Duration.seconds(30), maxAttempts: 40 });
    // The insurer stayed down through the shard's own retries: give it minutes, not seconds.
    enrollShard.addRetry({ errors: [...RETRYABLE_INSURER_ERRORS], interval: Duration.seconds(30), backoffRate: 2, maxDelay: Duration.minutes(5), maxAttempts: 6 });
    enrollShard.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    const shards = new DistributedMap(this, 'EnrollShards', {
      itemsPath: '$.plan.shards',
      maxConcurrency: 8,
      mapExecutionType: StateMachineType.STANDARD,
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(enrollShard);

    const finish = new LambdaInvoke(this, 'FinishRun', {
      lambdaFunction: tasks.add('FinishRun', 'functions/enrollment/finish-run.ts', 'Enrollment: counts, failure reasons and the premium invoice', Duration.minutes(1)),
      payload: TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId'), attempt: JsonPath.numberAt('$.attempt') }),
      payloadResponseOnly: true,
    });
    const markFailed = new LambdaInvoke(this, 'MarkRunFailed', {
      lambdaFunction: tasks.add('MarkRunFailed', 'functions/enrollment/mark-run-failed.ts', 'Enrollment: record why an attempt failed', Duration.seconds(30)),
      payload: TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId'), attempt: JsonPath.numberAt('$.attempt'), error: JsonPath.objectAt('$.error') }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    }).next(new Fail(this, 'RunFailed', { error: 'EnrollmentRunFailed', cause: 'The attempt failed; see the run for the reason and retry it.' }));

    for (const step of [plan, shards, finish]) step.addCatch(markFailed, { resultPath: '$.error' });
    this.workflow = new WorkflowStateMachine(this, 'Workflow', {
      comment: 'Enrollment run: plan shards, enroll each NIK bucket with the insurer, finish',
      definition: plan.next(shards).next(finish),
      timeout: Duration.hours(24),
      functions: tasks.functions,
    });
    const stateMachine = this.workflow.stateMachine;
    const logicalId = Stack.of(this).getLogicalId(stateMachine.node.defaultChild as CfnStateMachine);
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId}"}]}]}`;
    Validations.of(stateMachine).acknowledge(
      ...[`${executions}:*`, `${executions}/*:*`].map((resource) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason: "The Distributed Map reads and stops its own child executions: the wildcard covers this state machine's executions only.",
      })),
    );
  }
}
