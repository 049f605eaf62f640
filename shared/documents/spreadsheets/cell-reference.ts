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
