/**
 * An amount in Indonesian words, *terbilang*, as finance documents print it under the figure so
 * that it cannot be altered by adding a digit: 2606284800 → "dua miliar enam ratus enam juta dua
 * ratus delapan puluh empat ribu delapan ratus rupiah". Indonesian says "se-" for one of a ten,
 * a hundred and a thousand (sepuluh, seratus, seribu) but "satu" before juta and larger
 * (satu juta), and 11..19 are "sebelas", "dua belas" and so on.
 */
export function terbilangRupiah(amount: number): string {
  return `${terbilang(amount)} rupiah`;
}

/** A whole number in Indonesian words: 0 → "nol", -5 → "minus lima", 1000 → "seribu". */
export function terbilang(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not a whole number that can be spelt exactly`);
  if (value === 0) return 'nol';
  if (value < 0) return `minus ${terbilang(-value)}`;
  let rest = value;
  const groups: number[] = [];
  while (rest > 0) {
    groups.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  // Groups of three digits, spelt from the largest scale down.
  const words: string[] = [];
  for (let scale = groups.length - 1; scale >= 0; scale--) {
    const group = groups[scale]!;
    if (group === 0) continue;
    if (scale === 1 && group === 1) words.push('seribu');
    else words.push(...belowThousand(group), ...(SCALES[scale] ? [SCALES[scale]!] : []));
  }
  return words.join(' ');
}

/** ribu, juta, miliar, triliun, kuadriliun: 10^3 to 10^15, which covers every safe integer. */
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];

const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

function belowThousand(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const words = hundreds === 0 ? [] : hundreds === 1 ? ['seratus'] : [UNITS[hundreds]!, 'ratus'];
  return [...words, ...belowHundred(n % 100)];
}

function belowHundred(n: number): string[] {
  if (n === 0) return [];
  if (n < 10) return [UNITS[n]!];
  if (n === 10) return ['sepuluh'];
  if (n === 11) return ['sebelas'];
  if (n < 20) return [UNITS[n - 10]!, 'belas'];
  const ones = n % 10;
  return [UNITS[Math.floor(n / 10)]!, 'puluh', ...(ones ? [UNITS[ones]!] : [])];
}
