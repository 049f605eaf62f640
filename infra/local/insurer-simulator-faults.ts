/**
 * Fault injection for the local insurer simulator: rates per request, drawn from a small seeded
 * PRNG so a run with the same seed and the same request order fails the same way.
 */

export interface InsurerFaults {
  /** Share of requests answered 429 with Retry-After: 1. */
  throttle?: number;
  /** Share answered 500 or 503. */
  serverError?: number;
  /** Share whose registration is applied but whose response is held, then dropped. */
  timeout?: number;
}

export type FaultDecision = 'none' | 'throttle' | 'serverError' | 'timeout';

/** One draw per request: the rates are stacked, so their sum should stay ≤ 1. */
export function decideFault(faults: InsurerFaults, random: () => number): FaultDecision {
  const draw = random();
  let edge = faults.throttle ?? 0;
  if (draw < edge) return 'throttle';
  edge += faults.serverError ?? 0;
  if (draw < edge) return 'serverError';
  edge += faults.timeout ?? 0;
  if (draw < edge) return 'timeout';
  return 'none';
}

const FAULT_KEYS: Record<string, keyof InsurerFaults> = {
  '429': 'throttle',
  throttle: 'throttle',
  '500': 'serverError',
  '503': 'serverError',
  '5xx': 'serverError',
  timeout: 'timeout',
};

/**
 * Parses LINDUNG_INSURER_FAULTS, e.g. `429=0.05,500=0.02,timeout=0.01`. Empty or undefined
 * means no faults. Throws with a readable message on anything else.
 */
export function parseInsurerFaults(text: string | undefined): InsurerFaults {
  const faults: InsurerFaults = {};
  if (!text?.trim()) return faults;
  for (const part of text.split(',')) {
    const [rawKey, rawRate, ...rest] = part.split('=').map((s) => s.trim());
    const key = FAULT_KEYS[(rawKey ?? '').toLowerCase()];
    const rate = Number(rawRate);
    if (!key || rest.length > 0 || rawRate === undefined || rawRate === '' || !(rate >= 0 && rate <= 1)) {
      throw new Error(
        `LINDUNG_INSURER_FAULTS: "${part.trim()}" is not <429|500|timeout>=<rate between 0 and 1>, ` +
          'e.g. 429=0.05,500=0.02,timeout=0.01',
      );
    }
    faults[key] = (faults[key] ?? 0) + rate;
  }
  const total = (faults.throttle ?? 0) + (faults.serverError ?? 0) + (faults.timeout ?? 0);
  if (total > 1) throw new Error(`LINDUNG_INSURER_FAULTS: the rates add up to ${total}, more than 1.`);
  return faults;
}
