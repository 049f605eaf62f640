/**
 * People are spread over a fixed number of NIK buckets, so that every NIK always falls in the
 * same one: a roster import, a renewal and an enrollment run each work a bucket at a time, one
 * writer per bucket, and find the same people there (see docs/roster.md).
 */
export const NIK_BUCKETS = 32;

/**
 * The bucket of a NIK as typed: digits only, so `3674 0150 0190 0001` and `3674015001900001`
 * agree. FNV-1a with a final mix: NIKs share long prefixes (region, birth date), and a weak hash
 * would pile them into a few buckets.
 */
export function nikBucket(rawNik: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < rawNik.length; i++) {
    const code = rawNik.charCodeAt(i);
    if (code >= 48 && code <= 57) hash = Math.imul(hash ^ code, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) % NIK_BUCKETS;
}

/** Every bucket number, 0 to NIK_BUCKETS - 1: what a whole-roster walk goes through. */
export const ALL_NIK_BUCKETS: readonly number[] = Array.from({ length: NIK_BUCKETS }, (_, bucket) => bucket);
