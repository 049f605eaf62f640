import { afterEach, describe, expect, it } from 'vitest';
import { clockOffsetMs, now, resetClock, setClock } from '../../shared/core/clock';

describe('the controllable clock', () => {
  afterEach(() => resetClock());

  it('reads the real time until it is moved', () => {
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50);
    expect(clockOffsetMs()).toBe(0);
  });

  it('reads the time it was set to, and keeps ticking from there', async () => {
    setClock(new Date('2027-08-01T00:00:00+07:00'));
    const first = now().getTime();
    expect(Math.abs(first - Date.parse('2027-08-01T00:00:00+07:00'))).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(now().getTime()).toBeGreaterThan(first);
  });

  it('refuses an invalid date and goes back to real time on reset', () => {
    expect(() => setClock(new Date('not a date'))).toThrow(/valid date/);
    setClock(new Date('2030-01-01T00:00:00Z'));
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50);
  });
});
