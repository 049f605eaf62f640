import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** The CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), closed by the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds per named process over a phase: what each of the bench's processes (Lindung's,
 * DynamoDB Local's Java, the insurer simulator's) spent, to tell where a run's time goes.
 */
export function cpuMeter(pids: Record<string, number | undefined>): { stop(): Record<string, number> } {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? undefined : cpuSecondsOf(pid)]));
  return {
    stop() {
      const spent: Record<string, number> = {};
      for (const [name, pid] of Object.entries(pids)) {
        const start = before[name];
        const end = pid === undefined ? undefined : cpuSecondsOf(pid);
        if (start !== undefined && end !== undefined) spent[name] = Math.round((end - start) * 10) / 10;
      }
      return spent;
    },
  };
}
