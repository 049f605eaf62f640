import { describe, expect, it } from 'vitest';
import { synthesizeTemplate } from '../../infra/synthesize';

type ScheduleProperties = { ScheduleExpression: string; ScheduleExpressionTimezone: string; State: string; Target: { Arn: { Ref: string }; Input: string; RoleArn: unknown } };

describe('the daily schedules in the synthesized template', () => {
  const template = synthesizeTemplate({ bundle: false });
  const schedules = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Scheduler::Schedule');
  const schedule = (prefix: string) => {
    const found = schedules.filter(([logicalId]) => logicalId.startsWith(prefix));
    expect(found, `one schedule ${prefix}`).toHaveLength(1);
    return found[0]![1].Properties as ScheduleProperties;
  };

  it('are the audit chain export, the renewal check and the arrears watch, nothing else', () => {
    expect(schedules.map(([logicalId]) => logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['AuditExportDailyExport', 'RemittanceDailyWatch', 'RenewalDailyCheck']);
  });

  it('runs the renewal check every day at 01:00 in Jakarta, starting RenewalDispatch with the scheduled time', () => {
    const properties = schedule('RenewalDailyCheck');
    expect(properties).toMatchObject({ ScheduleExpression: 'cron(0 1 * * ? *)', ScheduleExpressionTimezone: 'Asia/Jakarta', State: 'ENABLED' });
    const target = template.Resources[properties.Target.Arn.Ref]!;
    expect(target.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(properties.Target.Arn.Ref).toMatch(/^RenewalDispatch/);
    expect(JSON.parse(properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  it('runs the arrears watch every day at 02:00 in Jakarta, after the renewal check, starting ArrearsWatch with the scheduled time', () => {
    const properties = schedule('RemittanceDailyWatch');
    expect(properties).toMatchObject({ ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Asia/Jakarta', State: 'ENABLED' });
    expect(template.Resources[properties.Target.Arn.Ref]!.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(properties.Target.Arn.Ref).toMatch(/^RemittanceArrearsWatch/);
    expect(JSON.parse(properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });
});
