import { InvalidInputError } from '../errors';

/**
 * A whole number of rupiah as people type it: digits (`1500000`), or digits grouped in thousands
 * with dots, the Indonesian way (`1.500.000`), optionally after `Rp` as formatRupiah prints it
 * (`Rp1.500.000`, `Rp 1.500.000`). Nothing else is guessed at: in Indonesian a comma is the
 * decimal separator and a dot groups thousands, while in English it is the other way round, so
 * `1.5`, `1,5` or `1.000.000,50` could each mean two amounts a thousand times apart. Rupiah have
 * no fractions, so any of them is refused rather than read as a different whole number.
 */
const RUPIAH_TEXT = /^(?:Rp\s?)?(\d{1,3}(?:\.\d{3})+|\d+)$/i;

export function parseRupiah(text: string): number {
  const digits = RUPIAH_TEXT.exec(text.trim())?.[1]?.replaceAll('.', '');
  const amount = digits === undefined ? Number.NaN : Number(digits);
  if (!Number.isSafeInteger(amount)) {
    throw new InvalidInputError(`"${text}" is not a whole number of rupiah`, [
      { path: 'rupiah', message: 'write digits only (1500000) or group thousands with dots (1.500.000); rupiah have no fractions, so no decimal comma or point' },
    ]);
  }
  return amount;
}
