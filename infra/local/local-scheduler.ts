import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LocalClock } from './local-clock';
import type { LocalStepFunctions } from './local-step-functions';
import { parseScheduleExpression, type ScheduleExpression } from './schedule-expression';
import type { LocalTemplate } from './template';
import { LocalStackUnsupportedError } from './unsupported-error';

export const SCHEDULE_TYPE = 'AWS::Scheduler::Schedule';

/** How often the scheduler looks at the clock on its own (moving the clock checks at once). */
const TICK_MS = 30_000;

interface LocalSchedule {
  readonly logicalId: string;
  readonly expression: string;
  readonly timeZone: string;
  readonly stateMachineArn: string;
  readonly input: string;
  readonly enabled: boolean;
}

export interface ScheduleFiring {
  readonly schedule: string;
  readonly scheduledTime: string;
  readonly executionArn: string;
}

/** DATA_DIR/scheduler.json: per schedule, the time up to which it has been evaluated. */
type SchedulerState = Record<string, { evaluatedUntil: string; firstSeen: string }>;

/**
 * The template's EventBridge Scheduler schedules, run against the local business clock: a
 * schedule whose time has come starts its target state machine with its Input (context
 * attributes such as `<aws.scheduler.scheduled-time>` filled in), as Scheduler's universal
 * target does. Only Step Functions targets exist in Lindung; any other target is unsupported.
 *
 * Evaluated up to a time, a schedule fires once for the latest occurrence since it was last
 * evaluated: moving the clock a year ahead fires a daily schedule once, not 365 times (like a
 * machine catching up after sleep; Lindung's daily renewal check catches up by design). The
 * evaluated time is kept on disk, so a restart does not fire again; if it did, targets that
 * use deterministic execution names would start nothing twice.
 */
export class LocalScheduler {
  private readonly expressions = new Map<string, ScheduleExpression>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ScheduleFiring[]> = Promise.resolve([]);

  private constructor(
    private readonly schedules: LocalSchedule[],
    private readonly state: SchedulerState,
    private readonly file: string,
    private readonly clock: LocalClock,
    private readonly stepFunctions: LocalStepFunctions,
    private readonly log: boolean,
  ) {
    for (const schedule of schedules) {
      const anchor = new Date(state[schedule.logicalId]!.firstSeen);
      this.expressions.set(schedule.logicalId, parseScheduleExpression(schedule.expression, schedule.timeZone, anchor, `schedule ${schedule.logicalId}`));
    }
  }

  static async start(options: {
    template: LocalTemplate;
    dataDir: string;
    clock: LocalClock;
    stepFunctions: LocalStepFunctions;
    /** One line per firing on stdout, as the local API logs requests. */
    log?: boolean;
  }): Promise<LocalScheduler> {
    const schedules = readSchedules(options.template, options.stepFunctions);
    const file = path.join(options.dataDir, 'scheduler.json');
    const state = await readFile(file, 'utf8').then((text) => JSON.parse(text) as SchedulerState, () => ({}) as SchedulerState);
    const now = options.clock.now().toISOString();
    // A schedule new to this data directory starts from now, as a schedule created on AWS does.
    for (const schedule of schedules) state[schedule.logicalId] ??= { evaluatedUntil: now, firstSeen: now };
    const scheduler = new LocalScheduler(schedules, state, file, options.clock, options.stepFunctions, options.log ?? false);
    await scheduler.save();
    scheduler.timer = setInterval(() => void scheduler.tick().catch((error: unknown) => process.stderr.write(`[local scheduler] ${String(error)}\n`)), TICK_MS);
    scheduler.timer.unref();
    return scheduler;
  }

  /** The schedules and when each was last evaluated. */
  list(): { schedule: string; expression: string; timeZone: string; enabled: boolean; evaluatedUntil: string }[] {
    return this.schedules.map((s) => ({
      schedule: s.logicalId,
      expression: s.expression,
      timeZone: s.timeZone,
      enabled: s.enabled,
      evaluatedUntil: this.state[s.logicalId]!.evaluatedUntil,
    }));
  }

  /** Fires every schedule whose time came since it was last evaluated (once each), up to the clock's now. */
  tick(): Promise<ScheduleFiring[]> {
    // One evaluation at a time: a timer tick and a clock change must not fire one occurrence twice.
    this.running = this.running.then(() => this.evaluate(), () => this.evaluate());
    return this.running;
  }

  /** Fires one schedule now, whatever its expression says (tests and demos that cannot wait a day). */
  async runNow(logicalId: string): Promise<ScheduleFiring | undefined> {
    const schedule = this.schedules.find((s) => s.logicalId === logicalId);
    return schedule ? this.fire(schedule, this.clock.now()) : undefined;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async evaluate(): Promise<ScheduleFiring[]> {
    const now = this.clock.now();
    const fired: ScheduleFiring[] = [];
    for (const schedule of this.schedules) {
      const state = this.state[schedule.logicalId]!;
      const after = new Date(state.evaluatedUntil);
      // A clock moved back: evaluate from the new now on (occurrences passed again may fire again).
      const due = schedule.enabled && after < now ? this.expressions.get(schedule.logicalId)!.latestIn(after, now) : undefined;
      if (due) fired.push(await this.fire(schedule, due));
      state.evaluatedUntil = now.toISOString();
    }
    await this.save();
    return fired;
  }

  private async fire(schedule: LocalSchedule, scheduledTime: Date): Promise<ScheduleFiring> {
    const time = `${scheduledTime.toISOString().slice(0, 19)}Z`;
    const input = schedule.input
      .replaceAll('<aws.scheduler.scheduled-time>', time)
      .replaceAll('<aws.scheduler.schedule-arn>', `arn:aws:scheduler:local:000000000000:schedule/default/${schedule.logicalId}`)
      .replaceAll('<aws.scheduler.execution-id>', randomUUID())
      .replaceAll('<aws.scheduler.attempt-number>', '1');
    const answer = await this.stepFunctions.handle('AWSStepFunctions.StartExecution', { stateMachineArn: schedule.stateMachineArn, input });
    if (answer.status !== 200) {
      throw new Error(`Schedule ${schedule.logicalId} could not start its target: ${JSON.stringify(answer.body)}`);
    }
    const { executionArn } = answer.body as { executionArn: string };
    if (this.log) process.stdout.write(`[local scheduler] ${schedule.logicalId} fired for ${time}: ${executionArn}\n`);
    return { schedule: schedule.logicalId, scheduledTime: time, executionArn };
  }

  private async save(): Promise<void> {
    await writeFile(this.file, `${JSON.stringify(this.state, null, 2)}\n`);
  }
}

function readSchedules(template: LocalTemplate, stepFunctions: LocalStepFunctions): LocalSchedule[] {
  const machines = new Set(stepFunctions.stateMachines().map((m) => m.arn));
  return template.ofType(SCHEDULE_TYPE).map(([logicalId]) => {
    const properties = template.properties(logicalId) as {
      ScheduleExpression: string;
      ScheduleExpressionTimezone?: string;
      State?: string;
      Target: { Arn: string; Input?: string };
    };
    if (!machines.has(properties.Target.Arn)) {
      throw new LocalStackUnsupportedError(`schedule ${logicalId}`, `its target ${properties.Target.Arn} (only state machines of the template are emulated)`);
    }
    return {
      logicalId,
      expression: properties.ScheduleExpression,
      timeZone: properties.ScheduleExpressionTimezone ?? 'UTC',
      stateMachineArn: properties.Target.Arn,
      input: properties.Target.Input ?? '{}',
      enabled: properties.State !== 'DISABLED',
    };
  });
}
