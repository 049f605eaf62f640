const COUNT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/**
 * `13124` → `13.124`: a count with Indonesian thousands separators, as formatRupiah writes
 * amounts. Audit summaries and the console write counts this way in their English text too, as
 * they do amounts, so that one number never appears in two notations.
 */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** `13124` → `13.124 orang`: a number of people in an Indonesian sentence. */
export function formatPeople(count: number): string {
  return `${formatCount(count)} orang`;
}
