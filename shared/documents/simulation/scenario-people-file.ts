import { dateCell, type SheetCell } from '../spreadsheets/sheet-cell';

/**
 * Who a scenario funds, one row per roster person: the list an office checks a ceiling against
 * before proposing it. Personal data: it goes only to the file the user names. The NIK is text,
 * so that it keeps its 16 digits in Excel; the birth date is a date.
 */
export const SCENARIO_PEOPLE_HEADER = ['NIK', 'Nama', 'Tanggal Lahir', 'Segmen', 'Didanai'] as const;

export interface ScenarioPerson {
  readonly nik: string;
  readonly name: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly segment: string;
  readonly funded: boolean;
}

export function scenarioPersonRow(person: ScenarioPerson): SheetCell[] {
  return [person.nik, person.name, dateCell(person.birthDate), person.segment, person.funded ? 'ya' : 'tidak'];
}
