import { createHash } from 'node:crypto';
import { type BillFigures, DiscrepancyKind, type Reconciliation } from './insurer-bill';

/** One NIK bucket's share of a reconciliation: what a shard found, summed by finishReconciliation. */
export interface BucketTally {
  readonly bucket: number;
  readonly expected: BillFigures;
  readonly billed: BillFigures;
  readonly matched: number;
  readonly discrepancies: Partial<Record<DiscrepancyKind, number>>;
  readonly discrepantAmount: number;
  /** SHA-256 over the bucket's expected people (NIK, segment, what the month holds for them), in NIK order. */
  readonly ledgerDigest: string;
}

/** The whole bill's figures from its buckets' tallies; the ledger hash chains the bucket digests in bucket order. */
export function sumTallies(tallies: readonly BucketTally[], finishedAt: string): Reconciliation {
  const ordered = [...tallies].sort((a, b) => a.bucket - b.bucket);
  const add = (pick: (t: BucketTally) => BillFigures): BillFigures => ({
    people: ordered.reduce((sum, t) => sum + pick(t).people, 0),
    amount: ordered.reduce((sum, t) => sum + pick(t).amount, 0),
  });
  // Every kind, zero when none was found: the schema (and the API's contract) requires them all.
  const discrepancies = Object.fromEntries(DiscrepancyKind.options.map((kind) => [kind, 0])) as Record<DiscrepancyKind, number>;
  for (const tally of ordered) {
    for (const [kind, count] of Object.entries(tally.discrepancies) as [DiscrepancyKind, number][]) discrepancies[kind] = (discrepancies[kind] ?? 0) + count;
  }
  const ledgerHash = createHash('sha256');
  for (const tally of ordered) ledgerHash.update(`${tally.bucket}:${tally.ledgerDigest}\n`);
  return {
    expected: add((t) => t.expected),
    billed: add((t) => t.billed),
    matched: ordered.reduce((sum, t) => sum + t.matched, 0),
    discrepancies,
    discrepantAmount: ordered.reduce((sum, t) => sum + t.discrepantAmount, 0),
    ledgerHash: ledgerHash.digest('hex'),
    finishedAt,
  };
}
