/**
 * Numbers in main-table keys (docs/data-model.md) are zero-padded to a fixed width, so that keys
 * sort in numeric order: bucket 10 after bucket 9, chunk 100 after chunk 99.
 */
export function zeroPadded(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A NIK bucket in a key, `B07`: two digits hold every bucket (nik-bucket.ts). */
export function bucketPart(bucket: number): string {
  return `B${zeroPadded(bucket, 2)}`;
}

/** An attempt (of an enrollment run or a renewal) in a key, `A001`. */
export function attemptPart(attempt: number): string {
  return `A${zeroPadded(attempt, 3)}`;
}
