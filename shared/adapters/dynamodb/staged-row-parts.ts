/**
 * The most JSON one staged item holds: DynamoDB refuses items over 400 KB, and the keys, TTL and
 * attribute names need a little room.
 */
export const MAX_STAGED_PART_BYTES = 350_000;

/**
 * A NIK bucket's rows of one chunk (of a roster import or an insurer's bill) as JSON arrays of at most `MAX_STAGED_PART_BYTES` each, in row
 * order. Usually one: a 1 MB chunk spreads over 32 buckets. But identical or empty NIK text (a
 * column Excel turned into `3.67401E+15`, or left blank) puts a whole chunk in one bucket, and
 * the file must still be staged so that each row can be rejected with its reason. The same rows
 * always make the same parts, so a retried chunk overwrites them.
 */
export function stagedRowParts<Row>(rows: readonly Row[]): string[] {
  const whole = JSON.stringify(rows);
  if (Buffer.byteLength(whole) <= MAX_STAGED_PART_BYTES) return [whole];
  const parts: string[] = [];
  let part: string[] = [];
  let bytes = 2; // the brackets
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = Buffer.byteLength(json) + 1;
    if (bytes + size > MAX_STAGED_PART_BYTES && part.length > 0) {
      parts.push(`[${part.join(',')}]`);
      part = [];
      bytes = 2;
    }
    part.push(json);
    bytes += size;
  }
  parts.push(`[${part.join(',')}]`);
  return parts;
}
