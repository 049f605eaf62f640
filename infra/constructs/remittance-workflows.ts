import { Duration } from 'aws-cdk-lib';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Fail, JsonPath, Map as MapState, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { DataTables } from './data-tables';
import { WorkflowTasks, workflowTaskFunction } from './workflow-task-function';
import { WorkflowStateMachine } from './workflow-state-machine';
import { dailySchedule } from './daily-schedule';

/**
 * The finance office's monthly close (docs/remittance.md):
 * - Reconciliation: an insurer's bill against the enrollment ledger, one shard per NIK bucket,
 *   then the totals. Every step is idempotent and a done shard is skipped, so a re-run after a
 *   crash reaches the same report.
 * - The arrears watch: every day at 02:00 Asia/Jakarta (after renewal's 01:00 check), each
 *   month's state (due, paid, late, at risk, inactive) for every regulation.
 */
export class RemittanceWorkflows extends Construct {
  readonly reconciliation: WorkflowStateMachine;
  readonly arrearsWatch: WorkflowStateMachine;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: { tables: DataTables }) {
    super(scope, id);
    const tasks = new WorkflowTasks(this, props.tables);

    const plan = new LambdaInvoke(this, 'PlanReconciliation', {
      lambdaFunction: tasks.add('PlanReconciliation', 'functions/remittance/plan.ts', 'Reconciliation: one shard per NIK bucket', Duration.seconds(30)),
      payloadResponseOnly: true,
      resultPath: '$.plan',
    });
    const shard = new LambdaInvoke(this, 'ReconcileShard', {
      lambdaFunction: tasks.add('ReconcileShard', 'functions/remittance/reconcile-shard.ts', "Reconciliation: one NIK bucket of a bill against the ledger", Duration.minutes(15), 1024),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    });
    shard.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    const shards = new MapState(this, 'ReconcileShards', { itemsPath: '$.plan.shards', maxConcurrency: 4, resultPath: JsonPath.DISCARD }).itemProcessor(shard);
    const finish = new LambdaInvoke(this, 'FinishReconciliation', {
      lambdaFunction: tasks.add('FinishReconciliation', 'functions/remittance/finish-reconciliation.ts', 'Reconciliation: the totals, the ledger hash, the bill reconciled', Duration.minutes(2)),
      payload: TaskInput.fromObject({ billId: JsonPath.stringAt('$.billId'), attempt: JsonPath.numberAt('$.attempt') }),
      payloadResponseOnly: true,
    });
    const markFailed = new LambdaInvoke(this, 'MarkReconciliationFailed', {
      lambdaFunction: tasks.add('MarkReconciliationFailed', 'functions/remittance/mark-failed.ts', 'Reconciliation: record why it failed', Duration.seconds(30)),
      payload: TaskInput.fromObject({ billId: JsonPath.stringAt('$.billId'), attempt: JsonPath.numberAt('$.attempt'), error: JsonPath.objectAt('$.error') }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    }).next(new Fail(this, 'ReconciliationFailed', { error: 'ReconciliationFailed', cause: 'The reconciliation failed; see the bill for the reason.' }));
    for (const step of [plan, shards, finish]) step.addCatch(markFailed, { resultPath: '$.error' });
    this.reconciliation = new WorkflowStateMachine(this, 'Reconciliation', {
      comment: "Reconciliation of an insurer's bill: plan shards, reconcile each NIK bucket, sum up",
      definition: plan.next(shards).next(finish),
      timeout: Duration.hours(6),
      functions: tasks.functions,
    });

    const watchFn = workflowTaskFunction(this, 'ArrearsWatchFunction', {
      entry: 'functions/remittance/watch-arrears.ts',
      description: 'Remittance: the daily arrears watch of every regulation',
      timeout: Duration.minutes(5),
      tables: props.tables,
    });
    this.arrearsWatch = new WorkflowStateMachine(this, 'ArrearsWatch', {
      comment: "Daily arrears watch: each month's remittance state, and who would lose cover",
      definition: new LambdaInvoke(this, 'WatchArrears', { lambdaFunction: watchFn, payloadResponseOnly: true }),
      timeout: Duration.minutes(15),
      functions: [watchFn],
    });
    this.schedule = dailySchedule(this, 'DailyWatch', {
      description: 'Lindung: the daily arrears watch, 02:00 in Jakarta',
      hour: 2,
      workflow: this.arrearsWatch.stateMachine,
    });
  }
}
