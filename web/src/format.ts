/** How the console writes amounts, counts and dates: the same code as the budget document. */
export { formatRupiah } from '../../shared/core/money/rupiah';
export { formatIndonesianDate, formatIndonesianDateTime, formatIndonesianMonth } from '../../shared/core/calendar/indonesian-dates';
export { maskNik } from '../../shared/core/people/personal-data';
export { formatCount } from '../../shared/core/people/people-count';

/** `0.5` → `50,0%`. */
export function formatShare(share: number): string {
  return new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}
