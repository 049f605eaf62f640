import { z } from 'zod';
import { isKnownRegionCode, provinceCodes, regionName } from '../people/regions';

/**
 * Region tenancy. Every user belongs to one Kemendagri region code, and every regulation to its
 * jurisdiction. What a user may do with a regulation follows from the two codes alone:
 *
 * - `own`: the same region. The user's roles apply in full.
 * - `oversees`: a province user (2 digits) and a regency or city beneath it (4 digits starting
 *   with the province's). The province reads, but does not decide for, its regencies.
 * - `national`: the national scope (`ID`), for national auditors. It reads every region and
 *   changes none.
 * - `none`: anything else. The regulation, and everything of it, does not exist for the user:
 *   the API answers 404, never 403, so that its existence does not leak.
 */
export const NATIONAL_REGION = 'ID';

export const RegionCode = z
  .string()
  .regex(/^(ID|\d{2}|\d{4})$/, `must be a Kemendagri region code (2 or 4 digits) or ${NATIONAL_REGION} for the national scope`)
  .refine((code) => code === NATIONAL_REGION || isKnownRegionCode(code), 'is not a Kemendagri province or regency/city code');
export type RegionCode = z.infer<typeof RegionCode>;

export type Reach = 'own' | 'oversees' | 'national' | 'none';

export function reachOf(callerRegion: string, jurisdiction: string): Reach {
  if (callerRegion === jurisdiction) return 'own';
  if (callerRegion === NATIONAL_REGION) return 'national';
  if (callerRegion.length === 2 && jurisdiction.length === 4 && jurisdiction.startsWith(callerRegion)) return 'oversees';
  return 'none';
}

export function mayRead(reach: Reach): boolean {
  return reach !== 'none';
}

/** Only a region's own users change its data: a province decides for its own regulations only. */
export function mayChange(reach: Reach): boolean {
  return reach === 'own';
}

/**
 * What a region reaches, in lists kept per province: the provinces to read and, for a regency or
 * city, the one jurisdiction within its province. The same reach as reachOf, for listings.
 */
export function reachedProvinces(region: string): { province: string; jurisdiction?: string }[] {
  if (region === NATIONAL_REGION) return provinceCodes().map((province) => ({ province }));
  if (region.length === 2) return [{ province: region }];
  return [{ province: region.slice(0, 2), jurisdiction: region }];
}

/** `3674 Kota Tangerang Selatan`, `ID (nasional)`: how messages name a region. */
export function describeRegion(code: string): string {
  if (code === NATIONAL_REGION) return `${NATIONAL_REGION} (nasional)`;
  const name = regionName(code);
  return name ? `${code} ${name}` : code;
}
