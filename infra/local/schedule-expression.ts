import { LocalStackUnsupportedError } from './unsupported-error';

/**
 * EventBridge Scheduler's schedule expressions, evaluated locally: `cron(minutes hours
 * day-of-month month day-of-week year)` in the schedule's time zone, `rate(n unit)` and
 * `at(yyyy-mm-ddThh:mm:ss)`. Cron fields take numbers, names (JAN, MON), `*`, `?`, lists, ranges
 * and steps; `L`, `W` and `#` are reported as unsupported rather than misread.
 */
export interface ScheduleExpression {
  /** The latest time the schedule fires at in (after, until], if any. */
  latestIn(after: Date, until: Date): Date | undefined;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseScheduleExpression(expression: string, timeZone: string, anchor: Date, where: string): ScheduleExpression {
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) return cronExpression(cron[1]!, timeZone, where);
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return rateExpression(Number(rate[1]) * RATE_UNITS[rate[2]!]!, anchor);
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (at) {
    const [, y, mo, d, h, mi, s] = at.map(Number) as number[];
    const time = zonedTime(timeZone, y!, mo!, d!, h!, mi!, s!);
    return { latestIn: (after, until) => (time > after && time <= until ? time : undefined) };
  }
  throw new LocalStackUnsupportedError(where, `the schedule expression ${expression}`);
}

/** Every `interval` from the time the local scheduler first saw the schedule (AWS: from its creation). */
function rateExpression(interval: number, anchor: Date): ScheduleExpression {
  return {
    latestIn(after, until) {
      const count = Math.floor((until.getTime() - anchor.getTime()) / interval);
      if (count < 1) return undefined;
      const time = new Date(anchor.getTime() + count * interval);
      return time > after ? time : undefined;
    },
  };
}

function cronExpression(body: string, timeZone: string, where: string): ScheduleExpression {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new LocalStackUnsupportedError(where, `the cron expression cron(${body}) (it needs 6 fields)`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek, years] = [
    field(fields[0]!, 0, 59, [], where),
    field(fields[1]!, 0, 23, [], where),
    field(fields[2]!, 1, 31, [], where),
    field(fields[3]!, 1, 12, MONTHS, where, 1),
    field(fields[4]!, 1, 7, DAYS, where, 1),
    field(fields[5]!, 1970, 2199, [], where),
  ];
  const minuteList = [...minutes!].sort((a, b) => b - a);
  const hourList = [...hours!].sort((a, b) => b - a);
  return {
    latestIn(after, until) {
      // Walk local days backwards from `until`: daily schedules find their time on the first day.
      let day = localDate(timeZone, until);
      const last = localDate(timeZone, after);
      for (let guard = 0; guard < 366 * 30 && compareDates(day, last) >= 0; guard++) {
        const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 1;
        if (years!.has(day.year) && months!.has(day.month) && daysOfMonth!.has(day.day) && daysOfWeek!.has(weekday)) {
          for (const hour of hourList) {
            for (const minute of minuteList) {
              const time = zonedTime(timeZone, day.year, day.month, day.day, hour, minute, 0);
              if (time <= until && time > after) return time;
              if (time <= after) break;
            }
          }
        }
        day = previousDay(day);
      }
      return undefined;
    },
  };
}

/** The values a cron field allows. `?` means any (it stands for "the other day field decides"). */
function field(text: string, min: number, max: number, names: readonly string[], where: string, nameBase = 0): Set<number> {
  if (/[LW#]/.test(text)) throw new LocalStackUnsupportedError(where, `the cron field ${text} (L, W and # are not emulated)`);
  const values = new Set<number>();
  const value = (token: string) => {
    const named = names.indexOf(token.toUpperCase());
    const number = named >= 0 ? named + nameBase : Number(token);
    if (!Number.isInteger(number) || number < min || number > max) throw new LocalStackUnsupportedError(where, `the cron value ${token}`);
    return number;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (range !== '*' && range !== '?') {
      const [start, end] = range.split('-') as [string, string | undefined];
      from = value(start);
      to = end === undefined ? (stepText === undefined ? from : max) : value(end);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localDate(timeZone: string, at: Date): LocalDate {
  const parts = wallClock(timeZone, at);
  return { year: parts.year, month: parts.month, day: parts.day };
}

function previousDay(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in a time zone at an instant. */
function wallClock(timeZone: string, at: Date): LocalDate & { hour: number; minute: number; second: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The instant a wall-clock time in a time zone stands for (the zone's offset then, found by one correction). */
export function zonedTime(timeZone: string, year: number, month: number, day: number, hour: number, minute: number, second: number): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = (at: number) => {
    const wall = wallClock(timeZone, new Date(at));
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - at;
  };
  const first = asUtc - offset(asUtc);
  return new Date(asUtc - offset(first));
}
