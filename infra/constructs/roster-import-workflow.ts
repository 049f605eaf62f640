import { Duration } from 'aws-cdk-lib';
import { Fail, JsonPath, Map as MapState, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { DataTables } from './data-tables';
import { WorkflowTasks } from './workflow-task-function';
import { WorkflowStateMachine } from './workflow-state-machine';

/**
 * Processes a completely uploaded roster import: one shard per NIK bucket checks, deduplicates
 * and stores its rows, then the import is finalised into the regulation's roster. Every step is
 * idempotent, so a re-run (a retry on AWS, a resume after a restart locally) reaches the same end.
 */
export class RosterImportWorkflow extends Construct {
  readonly workflow: WorkflowStateMachine;

  constructor(scope: Construct, id: string, props: { tables: DataTables }) {
    super(scope, id);
    const tasks = new WorkflowTasks(this, props.tables);

    const plan = new LambdaInvoke(this, 'PlanShards', {
      lambdaFunction: tasks.add('PlanShards', 'functions/roster/plan-shards.ts', 'Roster import: one shard per NIK bucket', Duration.seconds(30)),
      payloadResponseOnly: true,
      resultPath: '$.plan',
    });
    const processShard = new LambdaInvoke(this, 'ProcessShard', {
      lambdaFunction: tasks.add(
        'ProcessShard',
        'functions/roster/process-shard.ts',
        'Roster import: check, deduplicate and store the rows of one NIK bucket',
        Duration.minutes(15),
        1024,
      ),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    });
    // Another import holds this bucket's lease: wait for it rather than fail.
    processShard.addRetry({
      errors: ['BucketBusyError'],
      interval: Duration.seconds(2),
      backoffRate: 1.5,
      maxDelay: Duration.seconds(30),
      maxAttempts: 40,
    });
    processShard.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    const shards = new MapState(this, 'ProcessShards', {
      itemsPath: '$.plan.shards',
      maxConcurrency: 4,
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(processShard);
    const finalize = new LambdaInvoke(this, 'FinalizeImport', {
      lambdaFunction: tasks.add('FinalizeImport', 'functions/roster/finalize-import.ts', 'Roster import: totals and the new roster version', Duration.minutes(2)),
      payloadResponseOnly: true,
    });
    const markFailed = new LambdaInvoke(this, 'MarkImportFailed', {
      lambdaFunction: tasks.add('MarkImportFailed', 'functions/roster/mark-import-failed.ts', 'Roster import: record why it failed', Duration.seconds(30)),
      payload: TaskInput.fromObject({ importId: JsonPath.stringAt('$.importId'), error: JsonPath.objectAt('$.error') }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    }).next(new Fail(this, 'ImportFailed', { error: 'ImportFailed', cause: 'The import failed; see its status for the reason.' }));

    for (const step of [plan, shards, finalize]) step.addCatch(markFailed, { resultPath: '$.error' });
    this.workflow = new WorkflowStateMachine(this, 'Workflow', {
      comment: 'Roster import: plan shards, process each NIK bucket, finalise',
      definition: plan.next(shards).next(finalize),
      timeout: Duration.hours(6),
      functions: tasks.functions,
    });
  }
}
