import { Duration, TimeZone } from 'aws-cdk-lib';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/**
 * A workflow started once a day at a full hour in Jakarta (the offices' time) by EventBridge
 * Scheduler, with the scheduled time as its input. The daily workflows catch up on their own
 * (the next day's run sees what a missed one would have), so a start is retried for a few hours
 * at most.
 */
export function dailySchedule(scope: Construct, id: string, props: { description: string; hour: number; workflow: IStateMachine }): Schedule {
  return new Schedule(scope, id, {
    description: props.description,
    schedule: ScheduleExpression.cron({ minute: '0', hour: String(props.hour), timeZone: TimeZone.ASIA_JAKARTA }),
    target: new StepFunctionsStartExecution(props.workflow, {
      input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
      maxEventAge: Duration.hours(6),
      retryAttempts: 10,
    }),
  });
}
