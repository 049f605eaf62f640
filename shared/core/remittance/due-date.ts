import type { IsoDate, IsoMonth } from '../calendar/calendar';
import { isWorkingDay, remittanceTermFor } from './remittance-terms';

/** The day a month's iuran is due: the terms' due day of that month, or the next working day. */
export function dueDate(month: IsoMonth): IsoDate {
  const { dueDay } = remittanceTermFor(month);
  const day = new Date(`${month}-${String(dueDay).padStart(2, '0')}T00:00:00Z`);
  while (!isWorkingDay(day.toISOString().slice(0, 10))) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
