import { setTimeout as sleep } from 'node:timers/promises';

/** How an operation is tried again, and which of its failures are worth it. */
export interface RetryPolicy {
  /** Tries at most, the first one included. */
  readonly attempts: number;
  /** The wait after the first failure, doubled after each further one up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A failure that is not retryable is thrown at once. */
  readonly retryable: (error: unknown) => boolean;
  /** The least wait a failure asks for (a Retry-After), up to maxDelayMs. */
  readonly minDelayMs?: (error: unknown) => number;
}

/**
 * Runs `operation` (given its attempt number, from 1) until it succeeds, fails with an error that
 * is not retryable, or has used up its attempts: then the last failure is thrown. Waits back off
 * exponentially with jitter, half of each wait random, so that callers that failed together do
 * not all come back at the same moment.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !policy.retryable(error)) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      const asked = Math.min(policy.maxDelayMs, policy.minDelayMs?.(error) ?? 0);
      await sleep(Math.max(backoff, asked));
    }
  }
}
