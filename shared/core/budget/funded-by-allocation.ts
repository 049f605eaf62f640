import type { SegmentAllocation } from './proposal';
import { NIK_BUCKETS } from '../people/nik-bucket';

/**
 * Who an approved allocation funds in a segment. This file is the rule's one home: the ceiling
 * allocation settles it, and a proposal's people, "funded this year", the enrollment plan and its
 * shards, and a renewal's lapses ask it.
 *
 * - A segment funded whole (nobody left unfunded): everyone listed under it.
 * - A segment funded not at all: nobody.
 * - A segment funded in part (a ceiling cut it, or people over its quota are left out): the first
 *   `funded` people in ascending NIK order (a documented, deterministic order that favours no one)
 *   among those nobody funds this year yet. The ceiling-allocation workflow finds them and records
 *   the last one's NIK (settleCut); everyone up to it is in. Until it has, nobody of the segment is.
 *
 * So a segment's funded people always come first in NIK order: reading it in NIK order, nobody
 * after the first person left out is funded.
 */
export type FundedSegment = Pick<SegmentAllocation, 'funded' | 'unfunded' | 'lastFundedNik'>;

/** Funded in part: who is in follows from NIK order, which the ceiling-allocation workflow settles. */
export function isCut(allocation: FundedSegment): boolean {
  return allocation.funded > 0 && allocation.unfunded > 0;
}

/** Whether the allocation funds anyone of the segment (a cut one only once its last NIK is known). */
export function fundsAnyone(allocation: FundedSegment): boolean {
  return allocation.funded > 0 && (allocation.unfunded === 0 || allocation.lastFundedNik !== undefined);
}

/** Whether the allocation funds this person of the segment. */
export function isFunded(allocation: FundedSegment, nik: string): boolean {
  if (!fundsAnyone(allocation)) return false;
  return allocation.unfunded === 0 || nik <= allocation.lastFundedNik!;
}

/**
 * A segment's allocation with its cut settled: for a cut segment, the NIK of the `funded`-th
 * person in ascending order among `unfundedNiks` (each NIK bucket's NIKs of the segment nobody
 * funds this year yet, in ascending order). Should fewer be left than it funds (another cohort of
 * the year was approved meanwhile), it funds all of them: the last one's NIK.
 */
export async function settleCut<A extends FundedSegment>(allocation: A, unfundedNiks: (bucket: number) => AsyncIterable<string>): Promise<A> {
  if (!isCut(allocation)) return allocation;
  const lastFundedNik = await nthNikOrLast(unfundedNiks, allocation.funded);
  return { ...allocation, ...(lastFundedNik ? { lastFundedNik } : {}) };
}

/**
 * The n-th NIK (n ≥ 1) in ascending order across all NIK buckets, or the last one when there are
 * fewer: a k-way merge of the buckets' sorted streams, so memory holds one NIK per bucket however
 * large the segment.
 */
async function nthNikOrLast(bucketNiks: (bucket: number) => AsyncIterable<string>, n: number): Promise<string | undefined> {
  const streams = Array.from({ length: NIK_BUCKETS }, (_, bucket) => bucketNiks(bucket)[Symbol.asyncIterator]());
  const heads = await Promise.all(streams.map(async (stream) => (await stream.next()).value as string | undefined));
  let taken: string | undefined;
  for (let count = 1; ; count++) {
    let smallest = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head !== undefined && (smallest < 0 || head < heads[smallest]!)) smallest = i;
    }
    if (smallest < 0) return taken;
    taken = heads[smallest];
    if (count === n) return taken;
    heads[smallest] = (await streams[smallest]!.next()).value as string | undefined;
  }
}
