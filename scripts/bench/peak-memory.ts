import { readFileSync } from 'node:fs';

/** This process's peak resident memory, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
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
