import type { Command } from 'commander';
import { callApi, type GlobalOptions } from '../api-client';
import { print } from '../output';

interface ClockState {
  now: string;
  offsetMs: number;
  fired?: { schedule: string; scheduledTime: string; executionArn: string }[];
}

/**
 * The local stack's business clock (never on AWS, where it is the real time). Moving it forward
 * fires the schedules that became due, such as the daily renewal check.
 */
export function registerClock(program: Command): void {
  const clock = program.command('clock').description('The local stack\'s business clock (admin; `npm start` only)');

  clock
    .command('show', { isDefault: true })
    .description('The time the local stack decides dates by')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const state = await callApi<ClockState>(globals, 'GET', '/_local/clock');
      print(globals.json, state, () => describe(state));
    });

  clock
    .command('set <date>')
    .description('Move the clock to a date (09:00 in Jakarta that day) or an ISO timestamp, e.g. 2027-08-01; due schedules fire')
    .action(async (date: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const state = await callApi<ClockState>(globals, 'PUT', '/_local/clock', { at: date });
      print(globals.json, state, () => describe(state));
    });

  clock
    .command('reset')
    .description('Back to the real time')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const state = await callApi<ClockState>(globals, 'PUT', '/_local/clock', { reset: true });
      print(globals.json, state, () => describe(state));
    });
}

function describe(state: ClockState): string[] {
  const jakarta = new Date(Date.parse(state.now) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`Clock: ${jakarta} Asia/Jakarta${state.offsetMs === 0 ? ' (real time)' : ''}`];
  for (const firing of state.fired ?? []) lines.push(`  fired ${firing.schedule} for ${firing.scheduledTime}: ${firing.executionArn.split(':').at(-1)}`);
  return lines;
}
