import { NIK_BUCKETS } from '../people/nik-bucket';

/**
 * The n-th NIK (1-based) in ascending order across all NIK buckets, given each bucket's NIKs in
 * ascending order: a k-way merge of the buckets' sorted streams, so memory holds one NIK per
 * bucket however large the segment.
 */
export async function nthNik(bucketNiks: (bucket: number) => AsyncIterable<string>, n: number): Promise<string | undefined> {
  if (n < 1) return undefined;
  const streams = Array.from({ length: NIK_BUCKETS }, (_, bucket) => bucketNiks(bucket)[Symbol.asyncIterator]());
  const heads = await Promise.all(streams.map(async (stream) => (await stream.next()).value as string | undefined));
  for (let taken = 1; ; taken++) {
    let smallest = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head !== undefined && (smallest < 0 || head < heads[smallest]!)) smallest = i;
    }
    if (smallest < 0) return undefined;
    if (taken === n) return heads[smallest];
    heads[smallest] = (await streams[smallest]!.next()).value as string | undefined;
  }
}
