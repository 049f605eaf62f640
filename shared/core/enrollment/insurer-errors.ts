/**
 * Failures of the insurer port. Step Functions Retry/Catch clauses match errors by name (the
 * Lambda runtime reports `error.name` as the errorType), so each name is a string literal here
 * rather than derived from the class, which a bundler's minifier could rename.
 *
 * Retry on InsurerThrottledError and InsurerUnavailableError with the SAME idempotency key;
 * never retry InsurerRejectedRequestError.
 */

export const INSURER_THROTTLED = 'InsurerThrottledError';
export const INSURER_UNAVAILABLE = 'InsurerUnavailableError';
export const INSURER_REJECTED_REQUEST = 'InsurerRejectedRequestError';

/** Names to list in a Step Functions Retry's ErrorEquals. */
export const RETRYABLE_INSURER_ERRORS: readonly string[] = [INSURER_THROTTLED, INSURER_UNAVAILABLE];

/** 429: the insurer asks us to slow down. */
export class InsurerThrottledError extends Error {
  override readonly name = INSURER_THROTTLED;
  constructor(
    /** From Retry-After; 1 when absent or unreadable. */
    readonly retryAfterSeconds: number,
    message = `The insurer throttled the request; retry after ${retryAfterSeconds} s.`,
  ) {
    super(message);
  }
}

/**
 * 5xx, a timeout or a network failure. The request may or may not have been applied (a timeout
 * can lose the response of a registration that happened), so retry with the same idempotency key.
 */
export class InsurerUnavailableError extends Error {
  override readonly name = INSURER_UNAVAILABLE;
  constructor(
    message: string,
    /** The HTTP status, or undefined for a timeout or network failure. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 4xx other than 429: a bug or bad data. Retrying the same request will fail the same way. */
export class InsurerRejectedRequestError extends Error {
  override readonly name = INSURER_REJECTED_REQUEST;
  constructor(
    message: string,
    /** The HTTP status, or undefined when refused before sending (e.g. a batch too large). */
    readonly status?: number,
  ) {
    super(message);
  }
}
