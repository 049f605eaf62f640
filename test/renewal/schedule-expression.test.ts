import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../infra/local/schedule-expression';
import { LocalStackUnsupportedError } from '../../infra/local/unsupported-error';

const at = (iso: string) => new Date(iso);

describe('schedule expressions evaluated by the local scheduler', () => {
  const daily = parseScheduleExpression('cron(0 1 * * ? *)', 'Asia/Jakarta', at('2026-01-01T00:00:00Z'), 'test');

  it('fires a daily cron at 01:00 in Jakarta (18:00 UTC the day before), once for the latest occurrence', () => {
    expect(daily.latestIn(at('2027-07-30T12:00:00Z'), at('2027-08-01T02:00:00Z'))).toEqual(at('2027-07-31T18:00:00Z'));
    // A year's jump fires once, for its last occurrence.
    expect(daily.latestIn(at('2027-01-01T00:00:00Z'), at('2028-01-01T02:00:00Z'))).toEqual(at('2027-12-31T18:00:00Z'));
    // Nothing is due between two occurrences.
    expect(daily.latestIn(at('2027-07-31T18:00:00Z'), at('2027-08-01T17:59:59Z'))).toBeUndefined();
  });

  it('honours days of the week, months, ranges, steps and a time zone with daylight saving', () => {
    const weekdays = parseScheduleExpression('cron(30 9 ? JAN-MAR MON-FRI *)', 'Europe/Amsterdam', at('2026-01-01T00:00:00Z'), 'test');
    // Saturday 7 March 2026: the last weekday before it is Friday the 6th, 09:30 CET = 08:30 UTC.
    expect(weekdays.latestIn(at('2026-03-01T00:00:00Z'), at('2026-03-07T12:00:00Z'))).toEqual(at('2026-03-06T08:30:00Z'));
    const quarterly = parseScheduleExpression('cron(0/15 8 1 */3 ? 2026)', 'UTC', at('2026-01-01T00:00:00Z'), 'test');
    expect(quarterly.latestIn(at('2026-01-01T00:00:00Z'), at('2026-05-01T00:00:00Z'))).toEqual(at('2026-04-01T08:45:00Z'));
  });

  it('counts rates from when the schedule was first seen, and fires an at() once', () => {
    const hourly = parseScheduleExpression('rate(2 hours)', 'UTC', at('2026-01-01T00:00:00Z'), 'test');
    expect(hourly.latestIn(at('2026-01-01T00:00:00Z'), at('2026-01-01T05:00:00Z'))).toEqual(at('2026-01-01T04:00:00Z'));
    const once = parseScheduleExpression('at(2027-08-01T01:00:00)', 'Asia/Jakarta', at('2026-01-01T00:00:00Z'), 'test');
    expect(once.latestIn(at('2027-07-01T00:00:00Z'), at('2027-08-01T00:00:00Z'))).toEqual(at('2027-07-31T18:00:00Z'));
    expect(once.latestIn(at('2027-07-31T18:00:00Z'), at('2028-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('refuses what it does not emulate rather than misreading it', () => {
    expect(() => parseScheduleExpression('cron(0 1 L * ? *)', 'UTC', new Date(), 'schedule X')).toThrow(LocalStackUnsupportedError);
    expect(() => parseScheduleExpression('cron(0 1 * *)', 'UTC', new Date(), 'schedule X')).toThrow(/6 fields/);
  });
});
