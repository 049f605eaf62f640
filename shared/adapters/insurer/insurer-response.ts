/** Reading the partner API's answers, the same for every route (http-insurer-client.ts, http-insurer-billing.ts). */

const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** The `message` of a JSON error body, or the start of a body that is not JSON. */
export function messageOf(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return text ? text.slice(0, 200) : undefined;
  }
}

/** Retry-After is delta-seconds or an HTTP date; 1 s when absent or unreadable. */
export function retryAfterSeconds(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return DEFAULT_RETRY_AFTER_SECONDS;
}
