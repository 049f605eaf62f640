/** Excel's last column, XFD. */
export const MAX_COLUMNS = 16_384;

/**
 * The 0-based column of an A1-style reference (`C7` → 2), or undefined if it does not start with
 * column letters or names a column past XFD.
 */
export function columnIndexOf(reference: string): number | undefined {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20; // lower-case ASCII letters
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
    if (column > MAX_COLUMNS) return undefined;
  }
  return i === 0 ? undefined : column - 1;
}

/** The letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(0x41 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The 1-based row of an A1-style reference (`C7` → 7), or undefined if it has no row number after its letters. */
export function rowNumberOf(reference: string): number | undefined {
  const digits = /^[A-Za-z]+(\d+)$/.exec(reference)?.[1];
  const row = digits === undefined ? Number.NaN : Number(digits);
  return Number.isSafeInteger(row) && row >= 1 ? row : undefined;
}
