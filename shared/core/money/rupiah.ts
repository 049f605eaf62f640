/**
 * Money in Lindung is an integer number of rupiah. This is how people read it:
 * `Rp2.606.284.800`, with Indonesian thousands separators.
 */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`${amount} is not a whole number of rupiah`);
  const digits = Math.abs(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp${digits}`;
}

/** Multiplies integer rupiah amounts and counts, refusing results that would lose precision. */
export function multiplyRupiah(...factors: number[]): number {
  const product = factors.reduce((acc, factor) => acc * factor, 1);
  if (!factors.every(Number.isSafeInteger) || !Number.isSafeInteger(product)) {
    throw new Error(`${factors.join(' × ')} is not a safe whole number of rupiah`);
  }
  return product;
}
