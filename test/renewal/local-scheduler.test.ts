import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalClock } from '../../infra/local/local-clock';
import { localArn } from '../../infra/local/local-names';
import { LocalScheduler } from '../../infra/local/local-scheduler';
import type { LocalStepFunctions } from '../../infra/local/local-step-functions';
import { LocalTemplate } from '../../infra/local/template';
import { resetClock } from '../../shared/core/clock';

/** A template with the shape CDK gives Lindung's daily check: a cron in Asia/Jakarta starting a state machine. */
const template = new LocalTemplate({
  Resources: {
    Check: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
    DailyCheck: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 1 * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Jakarta',
        State: 'ENABLED',
        Target: { Arn: { Ref: 'Check' }, Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' },
      },
    },
  },
} as never);

/** Step Functions as the scheduler sees it: it records the executions it is asked to start. */
function recordingStepFunctions(started: { stateMachineArn: string; input: string }[]): LocalStepFunctions {
  return {
    stateMachines: () => [{ logicalId: 'Check', arn: localArn.stateMachine('Check') }],
    handle: async (_target: string, body: { stateMachineArn: string; input: string }) => {
      started.push(body);
      return { status: 200, body: { executionArn: `${body.stateMachineArn}:${started.length}` } };
    },
  } as unknown as LocalStepFunctions;
}

describe('the local scheduler', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-scheduler-'));
  afterEach(() => resetClock());

  it('fires a due schedule once per clock move with its scheduled time, and not again after a restart', async () => {
    const started: { stateMachineArn: string; input: string }[] = [];
    const stepFunctions = recordingStepFunctions(started);
    const clock = await LocalClock.start(dataDir, '2027-07-30');
    let scheduler = await LocalScheduler.start({ template, dataDir, clock, stepFunctions });
    expect(await scheduler.tick()).toEqual([]);

    await clock.set(new Date('2027-08-01T09:00:00+07:00'));
    expect((await scheduler.tick()).map((f) => f.scheduledTime)).toEqual(['2027-07-31T18:00:00Z']);
    expect(started).toEqual([{ stateMachineArn: localArn.stateMachine('Check'), input: '{"scheduledTime":"2027-07-31T18:00:00Z"}' }]);
    expect(await scheduler.tick()).toEqual([]);
    scheduler.stop();

    // A restart over the same data directory keeps the clock and what was evaluated: nothing fires twice.
    resetClock();
    const restartedClock = await LocalClock.start(dataDir, undefined);
    expect(restartedClock.now().toISOString().slice(0, 10)).toBe('2027-08-01');
    scheduler = await LocalScheduler.start({ template, dataDir, clock: restartedClock, stepFunctions });
    expect(await scheduler.tick()).toEqual([]);

    // A year's jump fires once, for the latest occurrence.
    await restartedClock.set(new Date('2028-08-01T09:00:00+07:00'));
    expect((await scheduler.tick()).map((f) => f.scheduledTime)).toEqual(['2028-07-31T18:00:00Z']);
    expect(started).toHaveLength(2);
    scheduler.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
