import { formatDateIn, formatDateTimeIn, formatMonthIn } from '../../shared/core/calendar/indonesian-dates';
import { language } from './i18n';

/** How the console writes amounts, counts and dates: the same code as the budget document. */
export { formatRupiah } from '../../shared/core/money/rupiah';
export { maskNik } from '../../shared/core/people/personal-data';
export { formatCount } from '../../shared/core/people/people-count';

/** Dates in the reader's language: `1 Januari 2027`, or `1 January 2027` with the English toggle. */
export function formatDate(iso: string): string {
  return formatDateIn(language(), iso);
}

export function formatDateTime(iso: string): string {
  return formatDateTimeIn(language(), iso);
}

export function formatMonth(month: string): string {
  return formatMonthIn(language(), month);
}

/** `0.5` → `50,0%`. */
export function formatShare(share: number): string {
  return new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}
