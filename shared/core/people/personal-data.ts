/**
 * NIK, names and birth dates are personal data under Indonesia's data-protection law (UU PDP).
 * Anything that leaves the system for people to read (logs, error messages) shows a NIK masked:
 * the region code and the serial stay, so an office can still tell which row was meant.
 */
const NIK_PATTERN = /(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)/g;

/** `3674015001900001` → `3674********0001`. */
export function maskNik(nik: string): string {
  return nik.replace(NIK_PATTERN, '$1********$2');
}

/** Masks every NIK-shaped run of 16 digits inside a free text. */
export function maskPersonalData(text: string): string {
  return text.replace(NIK_PATTERN, '$1********$2');
}
