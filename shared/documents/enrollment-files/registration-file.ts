import type { RowWriter } from '../spreadsheets/row-writer';

/**
 * The registration file: who an approved proposal funds, one row per person, with what a BPJS
 * Ketenagakerjaan branch needs to register them under the Pemda's collective account (the file
 * channel, docs/enrollment.md). Every cell is text, so the NIK stays 16 digits in Excel too.
 * Dates are written YYYY-MM-DD, which no locale reads the wrong way round.
 */
export const REGISTRATION_FILE_HEADER = [
  'NIK',
  'Nama',
  'Tanggal Lahir',
  'Jenis Kelamin',
  'Segmen',
  'Program',
  'Mulai Kepesertaan',
  'Akhir Kepesertaan',
  'Kode Wadah',
] as const;

export interface RegistrationPerson {
  readonly nik: string;
  readonly name: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly gender: 'L' | 'P';
  readonly segment: string;
}

/** What every row of one proposal's file shares: the regulation's programs and wadah, the cover asked for. */
export interface RegistrationTerms {
  readonly programs: readonly string[];
  readonly coverageStart: string;
  readonly coverageEnd: string;
  readonly wadahCode: string;
}

/**
 * Writes the header and a row per person as they come (memory stays flat however many people),
 * then closes the file. `written` is told the count after each row, for a progress bar.
 */
export async function writeRegistrationFile(
  writer: RowWriter,
  terms: RegistrationTerms,
  people: AsyncIterable<RegistrationPerson>,
  written: (count: number) => void = () => undefined,
): Promise<number> {
  await writer.writeRow(REGISTRATION_FILE_HEADER);
  // JKK+JKM, as branches write a package of programs.
  const programs = terms.programs.join('+');
  let count = 0;
  for await (const person of people) {
    await writer.writeRow([person.nik, person.name, person.birthDate, person.gender, person.segment, programs, terms.coverageStart, terms.coverageEnd, terms.wadahCode]);
    written(++count);
  }
  await writer.close();
  return count;
}
