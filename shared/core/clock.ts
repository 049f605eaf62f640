/**
 * The one source of "now" for business dates: renewal due dates, proposal expiry, life events,
 * the end of cover. On AWS it is the real time. The local stack can move it (`npx lindung clock
 * set 2027-08-01`), so a test walks fiscal years in seconds; the clock keeps ticking from the
 * time it was set to, so leases and timeouts measured with it still progress.
 *
 * The offset lives on globalThis rather than in this module: locally, handler modules are loaded
 * by dynamic import and may end up as a second instance of this module under another loader,
 * and every instance must read the same clock.
 */
const OFFSET_KEY = Symbol.for('lindung.clock.offsetMs');

interface ClockGlobal {
  [OFFSET_KEY]?: number;
}

const clockGlobal = globalThis as ClockGlobal;

/** The current time, as the system should see it for business decisions. */
export function now(): Date {
  return new Date(Date.now() + (clockGlobal[OFFSET_KEY] ?? 0));
}

/** Local stack only: from now on, `now()` reads `at` and ticks on from there. */
export function setClock(at: Date): void {
  if (Number.isNaN(at.getTime())) throw new Error('setClock needs a valid date');
  clockGlobal[OFFSET_KEY] = at.getTime() - Date.now();
}

/** Local stack only: back to the real time. */
export function resetClock(): void {
  delete clockGlobal[OFFSET_KEY];
}

/** Milliseconds the clock is ahead of real time (negative: behind); 0 when it was never moved. */
export function clockOffsetMs(): number {
  return clockGlobal[OFFSET_KEY] ?? 0;
}
