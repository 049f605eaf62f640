import { InsurerThrottledError, InsurerUnavailableError } from './insurer-errors';
import type { Insurer, RegisterBatchRequest, RegistrationResult } from './insurer-port';

export interface RetryPolicy {
  maxAttempts: number;
  /** First wait after an unavailable insurer; doubled each time, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Registers one batch, riding out throttling (waits as long as Retry-After says, capped) and
 * outages (exponential backoff with jitter) with the SAME idempotency key, so a retry never
 * creates a second membership. After maxAttempts the error goes to Step Functions, whose retry of
 * the shard resumes the page with the same key again.
 */
export async function registerWithRetries(insurer: Insurer, request: RegisterBatchRequest, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<RegistrationResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insurer.registerBatch(request);
    } catch (error) {
      const retryable = error instanceof InsurerThrottledError || error instanceof InsurerUnavailableError;
      if (!retryable || attempt >= policy.maxAttempts) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      const wait = error instanceof InsurerThrottledError ? Math.max(backoff, Math.min(policy.maxDelayMs, error.retryAfterSeconds * 1000)) : backoff;
      await policy.sleep(wait);
    }
  }
}
