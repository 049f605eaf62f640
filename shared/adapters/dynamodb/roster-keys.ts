/**
 * Main-table keys of rosters and imports (docs/data-model.md). Numbers are zero-padded so that
 * keys sort in numeric order.
 */
const pad = (value: number, width: number) => String(value).padStart(width, '0');

export const rosterKeys = {
  /** The one entry per NIK and coverage year, across all regulations. */
  entry: (nik: string, year: number) => ({ pk: `PERSON#${nik}`, sk: `COVER#${year}` }),
  /** Index keys that list a regulation's roster for a year, bucket by bucket, by segment. */
  entryIndex: (regulationId: string, year: number, bucket: number, segment: string, nik: string) => ({
    gsi1pk: rosterPartition(regulationId, year, bucket),
    gsi1sk: `${segment}#${nik}`,
  }),
  history: (nik: string, year: number, replacedAt: string, importId: string) => ({
    pk: `PERSON#${nik}`,
    sk: `COVER#${year}#H#${replacedAt}#${importId}`,
  }),
  lease: (year: number, bucket: number) => ({ pk: `LEASE#COVER#${year}#B${pad(bucket, 2)}`, sk: 'LEASE' }),
  summary: (regulationId: string, year: number) => ({ pk: `REG#${regulationId}`, sk: `ROSTER#${year}` }),
};

export function rosterPartition(regulationId: string, year: number, bucket: number): string {
  return `ROSTER#${regulationId}#${year}#B${pad(bucket, 2)}`;
}

export const importKeys = {
  meta: (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'META' }),
  metaIndex: (regulationId: string, createdAt: string) => ({ gsi1pk: `IMPORTS#${regulationId}`, gsi1sk: createdAt }),
  chunk: (importId: string, seq: number) => ({ pk: `IMPORT#${importId}`, sk: `CHUNK#${pad(seq, 6)}` }),
  /**
   * Part `part` of a NIK bucket's rows of chunk `seq` as uploaded with content `digest`
   * (staged-row-parts.ts): sorts in chunk, then part order. The digest keeps the parts of two
   * different uploads of one chunk apart; only those of the chunk record's content are read.
   */
  staging: (importId: string, bucket: number, seq: number, digest: string, part: number) => ({
    pk: stagingPartition(importId, bucket),
    sk: `C#${pad(seq, 6)}#${stagingDigest(digest)}#${pad(part, 3)}`,
  }),
  shard: (importId: string, bucket: number) => ({ pk: `IMPORT#${importId}`, sk: `SHARD#${pad(bucket, 2)}` }),
  rejection: (importId: string, row: number) => ({ pk: `IMPORT#${importId}`, sk: `REJ#${pad(row, 9)}` }),
  /** The warnings of a row the checks accepted (residency: warn), apart from the rejections. */
  warning: (importId: string, row: number) => ({ pk: `IMPORT#${importId}`, sk: `WARN#${pad(row, 9)}` }),
};

/** Enough of a chunk's SHA-256 to tell two uploads of it apart. */
export function stagingDigest(sha256: string): string {
  return sha256.slice(0, 16);
}

/** The chunk and content digest of a staged part's sort key; no digest in parts staged before it was keyed. */
export function stagedPartOf(sk: string): { seq: number; digest?: string } {
  const [, seq, digest, part] = sk.split('#');
  return { seq: Number(seq), ...(part !== undefined ? { digest } : {}) };
}

export function stagingPartition(importId: string, bucket: number): string {
  return `IMPORT#${importId}#B${pad(bucket, 2)}`;
}
