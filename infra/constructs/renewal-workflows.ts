import { Duration } from 'aws-cdk-lib';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Choice, Condition, Fail, JsonPath, Map as MapState, type StateMachine, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { type WorkflowName, workflowArnVariable } from '../../shared/api/route-spec';
import type { DataTables } from './data-tables';
import type { HandlerFunction } from './handler-function';
import { WorkflowStateMachine } from './workflow-state-machine';
import { workflowTaskFunction } from './workflow-task-function';
import { dailySchedule } from './daily-schedule';

export interface RenewalWorkflowsProps {
  readonly tables: DataTables;
  /** The workflows renewal starts: the budget proposal it makes, and the enrollment run that renews cover. */
  readonly budgetProposal: StateMachine;
  readonly enrollmentRun: StateMachine;
}

/**
 * Yearly renewal. Regulations are data, so one schedule serves them all: every day at 01:00
 * Asia/Jakarta it runs RenewalDispatch, which starts each regulation's renewal from its renewal
 * day and closes it from 1 January (shared/core/renewal/dispatch-renewals.ts). Renewal then has two
 * phases, each a short execution (nothing waits for finance):
 * - verify: carry last year's roster forward bucket by bucket, record the diff, propose the budget;
 * - close: record who lapses on 31 December and why, and start the enrollment run that renews the rest.
 * Executions have deterministic names, so duplicate schedule fires and repeated triggers are harmless.
 */
export class RenewalWorkflows extends Construct {
  readonly renewal: WorkflowStateMachine;
  readonly dispatch: WorkflowStateMachine;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: RenewalWorkflowsProps) {
    super(scope, id);
    const functions: HandlerFunction[] = [];
    const task = (name: string, entry: string, description: string, timeout: Duration, starts: Partial<Record<WorkflowName, StateMachine>> = {}) => {
      const fn = workflowTaskFunction(this, `${name}Function`, { entry, description, timeout, tables: props.tables });
      for (const [workflow, machine] of Object.entries(starts)) {
        fn.addEnvironment(workflowArnVariable(workflow as WorkflowName), machine.stateMachineArn);
        machine.grantStartExecution(fn);
      }
      functions.push(fn);
      return fn;
    };
    const invoke = (name: string, fn: HandlerFunction, resultPath?: string) =>
      new LambdaInvoke(this, name, { lambdaFunction: fn, payloadResponseOnly: true, resultPath: resultPath ?? JsonPath.DISCARD });
    const renewalInput = TaskInput.fromObject({
      regulationId: JsonPath.stringAt('$.regulationId'),
      year: JsonPath.numberAt('$.year'),
      attempt: JsonPath.numberAt('$.attempt'),
      phase: JsonPath.stringAt('$.phase'),
    });

    const plan = invoke('PlanRenewal', task('PlanRenewal', 'functions/renewal/plan.ts', 'Renewal: one step per NIK bucket', Duration.seconds(30)), '$.plan');

    const carryForward = invoke(
      'CarryForwardBucket',
      task('CarryForward', 'functions/renewal/carry-forward.ts', "Renewal: re-verify one NIK bucket of last year's roster and carry it forward", Duration.minutes(15)),
    );
    carryForward.addRetry({ errors: ['BucketBusyError'], interval: Duration.seconds(2), backoffRate: 1.5, maxDelay: Duration.seconds(30), maxAttempts: 40 });
    carryForward.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    const carryForwardBuckets = new MapState(this, 'CarryForwardBuckets', { itemsPath: '$.plan.buckets', maxConcurrency: 4, resultPath: JsonPath.DISCARD }).itemProcessor(
      carryForward,
    );
    const finishVerification = new LambdaInvoke(this, 'FinishVerification', {
      lambdaFunction: task('FinishVerification', 'functions/renewal/finish-verification.ts', "Renewal: the diff, and the new year's headcount recounted", Duration.minutes(5)),
      payload: renewalInput,
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    });
    // An import of the new year is processing: recount once it has finished.
    finishVerification.addRetry({ errors: ['RosterBusyError'], interval: Duration.seconds(5), backoffRate: 2, maxDelay: Duration.minutes(5), maxAttempts: 12 });
    const propose = new LambdaInvoke(this, 'ProposeRenewalBudget', {
      lambdaFunction: task('ProposeRenewal', 'functions/renewal/propose.ts', 'Renewal: propose the budget, with the diff', Duration.seconds(30), {
        budgetProposal: props.budgetProposal,
      }),
      payload: renewalInput,
      payloadResponseOnly: true,
    });

    // Each bucket's lapse counts are its iteration's output: the Map collects them for FinishClosing.
    const recordLapses = new LambdaInvoke(this, 'RecordLapses', {
      lambdaFunction: task('RecordLapses', 'functions/renewal/record-lapses.ts', 'Renewal: who of one NIK bucket lapses on 31 December, and why', Duration.minutes(15)),
      payloadResponseOnly: true,
    });
    recordLapses.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    const lapseBuckets = new MapState(this, 'RecordLapsesPerBucket', { itemsPath: '$.plan.buckets', maxConcurrency: 4, resultPath: '$.lapses' }).itemProcessor(
      recordLapses,
    );
    const finishClosing = new LambdaInvoke(this, 'FinishClosing', {
      lambdaFunction: task('FinishClosing', 'functions/renewal/finish-closing.ts', 'Renewal: close it on 1 January: lapses, and the enrollment run that renews cover', Duration.minutes(1), {
        enrollmentRun: props.enrollmentRun,
      }),
      payload: TaskInput.fromObject({
        regulationId: JsonPath.stringAt('$.regulationId'),
        year: JsonPath.numberAt('$.year'),
        attempt: JsonPath.numberAt('$.attempt'),
        lapses: JsonPath.listAt('$.lapses'),
      }),
      payloadResponseOnly: true,
    });

    const markFailed = new LambdaInvoke(this, 'MarkRenewalFailed', {
      lambdaFunction: task('MarkRenewalFailed', 'functions/renewal/mark-failed.ts', 'Renewal: record why an attempt failed', Duration.seconds(30)),
      payload: TaskInput.fromObject({
        regulationId: JsonPath.stringAt('$.regulationId'),
        year: JsonPath.numberAt('$.year'),
        attempt: JsonPath.numberAt('$.attempt'),
        phase: JsonPath.stringAt('$.phase'),
        error: JsonPath.objectAt('$.error'),
      }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    }).next(new Fail(this, 'RenewalFailed', { error: 'RenewalFailed', cause: 'See the renewal for the reason.' }));
    for (const step of [plan, carryForwardBuckets, finishVerification, propose, lapseBuckets, finishClosing]) step.addCatch(markFailed, { resultPath: '$.error' });

    const phase = new Choice(this, 'Phase')
      .when(Condition.stringEquals('$.phase', 'close'), lapseBuckets.next(finishClosing))
      .otherwise(carryForwardBuckets.next(finishVerification).next(propose));
    this.renewal = new WorkflowStateMachine(this, 'Renewal', {
      comment: "Renewal of a regulation's cover into a year: verify and propose, or close on 1 January",
      definition: plan.next(phase),
      timeout: Duration.hours(6),
      functions,
    });

    const dispatchFn = workflowTaskFunction(this, 'DispatchFunction', {
      entry: 'functions/renewal/dispatch.ts',
      description: 'Renewal: the daily check that starts and closes renewals',
      timeout: Duration.minutes(5),
      tables: props.tables,
    });
    dispatchFn.addEnvironment(workflowArnVariable('renewal'), this.renewal.stateMachine.stateMachineArn);
    this.renewal.stateMachine.grantStartExecution(dispatchFn);
    this.dispatch = new WorkflowStateMachine(this, 'Dispatch', {
      comment: 'Daily renewal check: start renewals that are due, close those of the new year',
      definition: new LambdaInvoke(this, 'DispatchRenewals', { lambdaFunction: dispatchFn, payloadResponseOnly: true }),
      timeout: Duration.minutes(15),
      functions: [dispatchFn],
    });

    this.schedule = dailySchedule(this, 'DailyCheck', {
      description: 'Lindung: the daily renewal check, 01:00 in Jakarta',
      hour: 1,
      workflow: this.dispatch.stateMachine,
    });
  }
}
