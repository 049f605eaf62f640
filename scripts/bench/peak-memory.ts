import { readFileSync } from 'node:fs';

/** This process's peak resident memory, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** This process's resident memory now, in MB. */
export function rssMb(): number {
  return Math.round(process.memoryUsage.rss() / 1024 / 1024);
}

/**
 * This process's resident memory before a phase and its peak during it, sampled every
 * `intervalMs` (the process's own peak also counts what came before, e.g. an import before a run).
 */
export function sampleRss(intervalMs = 250): { beforeMb: number; stop(): { beforeMb: number; peakMb: number } } {
  const beforeMb = rssMb();
  let peakMb = beforeMb;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb())), intervalMs);
  timer.unref();
  return {
    beforeMb,
    stop() {
      clearInterval(timer);
      peakMb = Math.max(peakMb, rssMb());
      return { beforeMb, peakMb };
    },
  };
}

/** Another process's peak resident memory (VmHWM), in MB, e.g. DynamoDB Local's Java. */
export function peakRssMbOf(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
