import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clockOffsetMs, now, resetClock, setClock } from '../../shared/core/clock';

/**
 * The local stack's business clock (shared/core/clock.ts), kept in DATA_DIR/clock.json so that a
 * restart keeps the date a walk through the years had reached. LINDUNG_CLOCK (a date or a
 * timestamp) sets it at start. The clock ticks on from wherever it was set.
 */
export class LocalClock {
  private constructor(private readonly file: string) {}

  static async start(dataDir: string, initial: string | undefined): Promise<LocalClock> {
    const clock = new LocalClock(path.join(dataDir, 'clock.json'));
    if (initial) {
      await clock.set(parseClockTime(initial));
    } else {
      const saved = await readFile(clock.file, 'utf8').then((text) => JSON.parse(text) as { offsetMs: number }, () => undefined);
      if (saved && saved.offsetMs !== 0) setClock(new Date(Date.now() + saved.offsetMs));
      else resetClock();
    }
    return clock;
  }

  now(): Date {
    return now();
  }

  offsetMs(): number {
    return clockOffsetMs();
  }

  async set(at: Date): Promise<void> {
    setClock(at);
    await writeFile(this.file, `${JSON.stringify({ offsetMs: clockOffsetMs(), setTo: at.toISOString() }, null, 2)}\n`);
  }

  async reset(): Promise<void> {
    resetClock();
    await writeFile(this.file, `${JSON.stringify({ offsetMs: 0 }, null, 2)}\n`);
  }
}

/**
 * `2027-08-01` → 09:00 that day in Jakarta (the start of an office day, after the 01:00 daily
 * check); a full ISO timestamp with an offset is taken as it is.
 */
export function parseClockTime(text: string): Date {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T09:00:00+07:00` : text;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(text)) {
    throw new Error(`"${text}" is not a date (YYYY-MM-DD) or an ISO timestamp with an offset (2027-08-01T01:30:00+07:00)`);
  }
  return at;
}
