import { cpuMeter } from './cpu-time';
import { sampleRss } from './peak-memory';

export interface MeasuredPhase<T> {
  readonly result: T;
  readonly seconds: number;
  /** CPU seconds per named process over the phase. */
  readonly cpuSeconds: Record<string, number>;
  /** This process's resident memory before the phase and its peak during it. */
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
}

/**
 * Runs one phase of a bench (a floor, an import, a reconciliation) and measures it: wall time,
 * the CPU of the bench's processes, and this process's memory, which holds the local stack too.
 */
export async function measuredPhase<T>(processes: Record<string, number | undefined>, phase: () => Promise<T>): Promise<MeasuredPhase<T>> {
  const memory = sampleRss();
  const cpu = cpuMeter(processes);
  const started = performance.now();
  const result = await phase();
  const seconds = (performance.now() - started) / 1000;
  const { beforeMb, peakMb } = memory.stop();
  return { result, seconds, cpuSeconds: cpu.stop(), rssBeforeMb: beforeMb, peakRssMb: peakMb };
}
