import { bucketPart, zeroPadded } from './key-numbers';

/** Main-table keys of roster imports (docs/data-model.md). */
export const importKeys = {
  meta: (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'META' }),
  metaIndex: (regulationId: string, createdAt: string) => ({ gsi1pk: `IMPORTS#${regulationId}`, gsi1sk: createdAt }),
  chunk: (importId: string, seq: number) => ({ pk: `IMPORT#${importId}`, sk: `CHUNK#${zeroPadded(seq, 6)}` }),
  /**
   * Part `part` of a NIK bucket's rows of chunk `seq` as uploaded with content `digest`
   * (staged-row-parts.ts): sorts in chunk, then part order. The digest keeps the parts of two
   * different uploads of one chunk apart; only those of the chunk record's content are read.
   */
  staging: (importId: string, bucket: number, seq: number, digest: string, part: number) => ({
    pk: stagingPartition(importId, bucket),
    sk: `C#${zeroPadded(seq, 6)}#${stagingDigest(digest)}#${zeroPadded(part, 3)}`,
  }),
  shard: (importId: string, bucket: number) => ({ pk: `IMPORT#${importId}`, sk: `SHARD#${zeroPadded(bucket, 2)}` }),
  rejection: (importId: string, row: number) => ({ pk: `IMPORT#${importId}`, sk: `REJ#${zeroPadded(row, 9)}` }),
  /** The warnings of a row the checks accepted (residency: warn), apart from the rejections. */
  warning: (importId: string, row: number) => ({ pk: `IMPORT#${importId}`, sk: `WARN#${zeroPadded(row, 9)}` }),
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
  return `IMPORT#${importId}#${bucketPart(bucket)}`;
}
