import regions from './data/kemendagri-regions.json';

/**
 * Kemendagri province (2-digit) and regency/city (4-digit) codes. They identify a regulation's
 * jurisdiction and make up the first four digits of every NIK. The list is derived from the
 * idn-area-data package (ODbL); see shared/core/data-sources.md.
 */
const provinces: Readonly<Record<string, string>> = regions.provinces;
const regencies: Readonly<Record<string, string>> = regions.regencies;

export function isKnownRegionCode(code: string): boolean {
  return code.length === 2 ? code in provinces : code in regencies;
}

/** The official name of a province or regency/city (`3674` → its name), or undefined for an unknown code. */
export function regionName(code: string): string | undefined {
  return code.length === 2 ? provinces[code] : regencies[code];
}

/** Every province code, in order: what a deployment-wide listing walks. */
export function provinceCodes(): string[] {
  return Object.keys(provinces).sort();
}

/**
 * A region as a place, without "Kota" or "Kabupaten" (`3674` → `Tangerang Selatan`): how a
 * mayor's or regent's title names it and where a letter is signed. Undefined for an unknown code.
 */
export function regionPlaceName(code: string): string | undefined {
  return regionName(code)?.replace(/^(Kota|Kabupaten)\s+/, '');
}
