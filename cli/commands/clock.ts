import type { Command } from 'commander';
import { callApi, type GlobalOptions } from '../api-client';
import { t } from '../messages';
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
  const clock = program.command('clock').description(t('Jam bisnis sistem lokal (admin; hanya `npm start`)'));

  clock
    .command('show', { isDefault: true })
    .description(t('Waktu yang dipakai sistem lokal untuk tanggal'))
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const state = await callApi<ClockState>(globals, 'GET', '/_local/clock');
      print(globals.json, state, () => describe(state));
    });

  clock
    .command('set <date>')
    .description(t('Majukan jam ke suatu tanggal (pukul 09.00 WIB hari itu) atau cap waktu ISO, mis. 2027-08-01; jadwal yang jatuh tempo berjalan'))
    .action(async (date: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const state = await callApi<ClockState>(globals, 'PUT', '/_local/clock', { at: date });
      print(globals.json, state, () => describe(state));
    });

  clock
    .command('reset')
    .description(t('Kembali ke waktu sebenarnya'))
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const state = await callApi<ClockState>(globals, 'PUT', '/_local/clock', { reset: true });
      print(globals.json, state, () => describe(state));
    });
}

function describe(state: ClockState): string[] {
  const jakarta = new Date(Date.parse(state.now) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [t('Jam: {time} Asia/Jakarta', { time: jakarta }) + (state.offsetMs === 0 ? t(' (waktu sebenarnya)') : '')];
  for (const firing of state.fired ?? []) {
    lines.push(t('  menjalankan {schedule} untuk {time}: {execution}', { schedule: firing.schedule, time: firing.scheduledTime, execution: firing.executionArn.split(':').at(-1)! }));
  }
  return lines;
}
