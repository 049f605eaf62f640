/**
 * US dollars as a whole number of pico-dollars (10⁻¹² USD). AWS unit prices have up to ten
 * decimals ($0.0000133334 per GB-second), so a price, and a price times any whole quantity, is
 * exact; sums never drift the way floating-point cents do. Rupiah come out as whole numbers.
 */
export type PicoUsd = bigint;

const DECIMALS = 12;
const PICO_PER_USD = 10n ** BigInt(DECIMALS);
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "0.0000133334" → 13_333_400n. Refuses more decimals than a pico-dollar holds. */
export function parseUsd(text: string): PicoUsd {
  return fixedPoint(text, 'US dollars');
}

/** A non-negative decimal string as a whole number of 10⁻¹² units. */
function fixedPoint(text: string, what: string): bigint {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`"${text}" is not a decimal number of ${what}`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > DECIMALS) throw new Error(`"${text}" has more than ${DECIMALS} decimals`);
  return BigInt(whole!) * PICO_PER_USD + BigInt(fraction.padEnd(DECIMALS, '0'));
}

/** price × numerator / denominator, rounded half up (amounts are never negative). */
export function scaleUsd(price: PicoUsd, numerator: bigint, denominator: bigint): PicoUsd {
  if (denominator <= 0n || numerator < 0n || price < 0n) throw new Error('scaleUsd takes non-negative amounts and a positive denominator');
  return (price * numerator * 2n + denominator) / (2n * denominator);
}

/** "$1,234.57"; amounts under a cent but above zero as "<$0.01". */
export function formatUsd(amount: PicoUsd): string {
  const [dollars, cents] = usdDecimal(amount, 2).split('.') as [string, string];
  if (dollars === '0' && cents === '00' && amount > 0n) return '<$0.01';
  return `$${dollars.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Whole rupiah for an amount at a rate of `idrPerUsd` (a decimal string, e.g. "16693"), rounded half up. */
export function usdToRupiah(amount: PicoUsd, idrPerUsd: string): number {
  const rate = fixedPoint(idrPerUsd, 'rupiah per US dollar');
  const rupiah = scaleUsd(amount, rate, PICO_PER_USD * PICO_PER_USD);
  if (rupiah > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('The amount is too large to show in rupiah');
  return Number(rupiah);
}

/** The amount as a decimal string with `decimals` places (rounded half up), e.g. "0.037525". */
export function usdDecimal(amount: PicoUsd, decimals = 6): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > DECIMALS) throw new Error(`decimals must be 0 to ${DECIMALS}`);
  const scaled = scaleUsd(amount, 1n, 10n ** BigInt(DECIMALS - decimals));
  const text = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}
