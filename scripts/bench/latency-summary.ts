/** Percentiles of latencies in ms (nearest rank), rounded to 0.1 ms. */
export function latencySummary(latenciesMs: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const rank = (p: number) => round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  return { p50: rank(50), p95: rank(95), p99: rank(99), max: round(sorted.at(-1) ?? 0) };
}

const round = (n: number) => Math.round(n * 10) / 10;
