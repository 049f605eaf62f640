import { describe, expect, it } from 'vitest';
import termsJson from '../../shared/core/remittance/remittance-terms.json';
import { dueDate } from '../../shared/core/remittance/due-date';
import { isWorkingDay, remittanceTermFor } from '../../shared/core/remittance/remittance-terms';

/** The day a month's iuran is due: the 15th, or the next working day after weekends and listed holidays. */

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const addDays = (date: string, days: number) => {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
};
const holidays = new Set(termsJson.nonWorkingDays.map((d) => d.date));
const monthsOf = (years: number[]) => years.flatMap((year) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`));

describe('dueDate', () => {
  it('the terms in force: due on the 15th', () => {
    expect(remittanceTermFor('2027-01').dueDay).toBe(15);
    expect(() => remittanceTermFor('2010-01')).toThrow(/No remittance terms are in force for 2010-01/);
  });

  it('is the 15th when that is a working day', () => {
    expect(weekday('2027-01-15')).toBe(5);
    expect(dueDate('2027-01')).toBe('2027-01-15');
    expect(dueDate('2027-04')).toBe('2027-04-15');
    expect(dueDate('2027-12')).toBe('2027-12-15');
  });

  it('moves a 15th on a Saturday or a Sunday to the Monday', () => {
    expect(weekday('2027-05-15')).toBe(6);
    expect(dueDate('2027-05')).toBe('2027-05-17');
    expect(weekday('2027-08-15')).toBe(0);
    expect(dueDate('2027-08')).toBe('2027-08-16');
  });

  it('moves it on past a listed holiday', () => {
    // From the file: a month of 2026–2028 whose 15th falls on a weekend and whose Monday after is a listed holiday.
    const months = monthsOf([2026, 2027, 2028]).filter((month) => {
      const fifteenth = `${month}-15`;
      const monday = addDays(fifteenth, weekday(fifteenth) === 6 ? 2 : 1);
      return (weekday(fifteenth) === 0 || weekday(fifteenth) === 6) && holidays.has(monday);
    });
    expect(months).toEqual(['2026-08']);
    expect(dueDate('2026-08')).toBe('2026-08-18');
    expect(isWorkingDay('2026-08-17')).toBe(false);
    expect(isWorkingDay('2026-08-18')).toBe(true);
  });

  it('every due date of 2026–2028 is the first working day from the 15th', () => {
    for (const month of monthsOf([2026, 2027, 2028])) {
      const due = dueDate(month);
      expect(due >= `${month}-15`).toBe(true);
      expect(isWorkingDay(due)).toBe(true);
      expect(weekday(due)).not.toBe(0);
      expect(weekday(due)).not.toBe(6);
      expect(holidays.has(due)).toBe(false);
      for (let day = `${month}-15`; day < due; day = addDays(day, 1)) expect(isWorkingDay(day)).toBe(false);
    }
  });

  it('knows the listed holidays and the weekends as non-working days', () => {
    expect(isWorkingDay('2027-12-25')).toBe(false);
    expect(holidays.has('2027-06-01')).toBe(true);
    expect(isWorkingDay('2027-06-01')).toBe(false);
    expect(isWorkingDay('2027-06-02')).toBe(true);
    expect(isWorkingDay('2027-06-05')).toBe(false);
  });
});
