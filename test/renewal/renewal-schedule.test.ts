import { describe, expect, it } from 'vitest';
import { synthesizeTemplate } from '../../infra/synthesize';

describe('the renewal schedule in the synthesized template', () => {
  it('runs the renewal check every day at 01:00 in Jakarta, starting RenewalDispatch with the scheduled time', () => {
    const template = synthesizeTemplate({ bundle: false });
    const schedules = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(1);
    const [, schedule] = schedules[0]!;
    const properties = schedule.Properties as { ScheduleExpression: string; ScheduleExpressionTimezone: string; State: string; Target: { Arn: { Ref: string }; Input: string; RoleArn: unknown } };
    expect(properties).toMatchObject({ ScheduleExpression: 'cron(0 1 * * ? *)', ScheduleExpressionTimezone: 'Asia/Jakarta', State: 'ENABLED' });
    const target = template.Resources[properties.Target.Arn.Ref]!;
    expect(target.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(properties.Target.Arn.Ref).toMatch(/^RenewalDispatch/);
    expect(JSON.parse(properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });
});
