/**
 * Integer money arithmetic for rates. A rate is a whole number of basis points (1% = 100 bp,
 * 0.24% = 24 bp), so a premium is rupiah × bp / 10,000 and no floating point touches money.
 */

export const BASIS_POINTS_PER_WHOLE = 10_000;

/**
 * `basisPoints` of `rupiah`, rounded half up to a whole rupiah. BigInt keeps the product exact
 * however large a wage is; the quotient is back within safe-integer range.
 */
export function shareOfRupiah(rupiah: number, basisPoints: number): number {
  requireWholeNonNegative('rupiah', rupiah);
  requireWholeNonNegative('basisPoints', basisPoints);
  const whole = BigInt(BASIS_POINTS_PER_WHOLE);
  return Number((BigInt(rupiah) * BigInt(basisPoints) + whole / 2n) / whole);
}

/** 24 → "0.24%", 100 → "1%", 570 → "5.7%": exact, because bp / 100 has at most two decimals. */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const cents = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return cents ? `${whole}.${cents}%` : `${whole}%`;
}

/** Basis points as a percentage number for display, e.g. 9900 → 99. */
export function basisPointsToPercent(basisPoints: number): number {
  return basisPoints / 100;
}

function requireWholeNonNegative(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}
