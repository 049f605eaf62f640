import { type RetryPolicy, withRetries } from '../../lib/retry';
import { InsurerThrottledError, InsurerUnavailableError } from './insurer-errors';
import type { Insurer, RegisterBatchRequest, RegistrationResult } from './insurer-port';

/**
 * Throttling and outages pass; a refused request does not. A throttled request waits at least as
 * long as the insurer's Retry-After says. Every call to the insurer retries so (the bill too:
 * shared/adapters/insurer/http-insurer-billing.ts).
 */
export const INSURER_RETRIES: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  retryable: (error) => error instanceof InsurerThrottledError || error instanceof InsurerUnavailableError,
  minDelayMs: (error) => (error instanceof InsurerThrottledError ? error.retryAfterSeconds * 1000 : 0),
};

/**
 * Registers one batch, riding out throttling and outages with the SAME idempotency key, so a
 * retry never creates a second membership. After the last attempt the error goes to Step
 * Functions, whose retry of the shard resumes the page with the same key again.
 */
export async function registerWithRetries(insurer: Insurer, request: RegisterBatchRequest): Promise<RegistrationResult[]> {
  return withRetries(() => insurer.registerBatch(request), INSURER_RETRIES);
}
