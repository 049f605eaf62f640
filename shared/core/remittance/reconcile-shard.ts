import type { ProposalRecord } from '../budget/proposal-record';
import type { ProposalStore } from '../budget/proposal-store';
import type { CoverLedger, CoveredEntry } from '../renewal/cover-ledger';
import type { PremiumOf } from './month-cover';
import { reconcileBucket } from './reconcile-bucket';
import type { RemittanceStore } from './remittance-store';
import { requireBill } from './require-bill';

/** Covered people read from the ledger at a time: a page of a bucket. */
const LEDGER_PAGE = 500;

/**
 * One step of the reconciliation workflow: one NIK bucket of a bill against the ledger. A shard
 * whose tally is stored is done, and is skipped when the workflow runs again after a crash; one
 * that crashed half-way writes the same discrepancies again, under the same keys.
 */
export async function reconcileShard(
  deps: { store: RemittanceStore; ledger: CoverLedger; proposals: Pick<ProposalStore, 'list'> },
  input: { billId: string; attempt: number; bucket: number },
): Promise<{ bucket: number; discrepancies: number }> {
  const done = (await deps.store.tallies(input.billId, input.attempt)).get(input.bucket);
  if (done) return { bucket: input.bucket, discrepancies: Object.values(done.discrepancies).reduce((sum, n) => sum + (n ?? 0), 0) };
  const bill = await requireBill(deps.store, input.billId);
  const billed = await deps.store.billedLines(input.billId, input.bucket);
  const { discrepancies, tally } = await reconcileBucket({
    bucket: input.bucket,
    month: bill.month,
    covered: coveredPeople(deps.ledger, bill.regulationId, bill.year, input.bucket),
    billed,
    premiumOf: premiumsOf((await deps.proposals.list({ regulationId: bill.regulationId })).filter((p) => p.year === bill.year)),
  });
  await deps.store.finishShard(input.billId, input.attempt, discrepancies, tally);
  return { bucket: input.bucket, discrepancies: discrepancies.length };
}

async function* coveredPeople(ledger: CoverLedger, regulationId: string, year: number, bucket: number): AsyncIterable<CoveredEntry> {
  let after: string | undefined;
  for (;;) {
    const page = await ledger.coveredPage(regulationId, year, bucket, after, LEDGER_PAGE);
    yield* page.entries;
    if (!page.more || page.entries.length === 0) return;
    after = page.entries[page.entries.length - 1]!.nik;
  }
}

/**
 * A person's premium for a month: what their proposal bought for their segment. A regulation has
 * a few proposals a year, so they are all read once per shard.
 */
function premiumsOf(proposals: readonly ProposalRecord[]): PremiumOf {
  const premiums = new Map<string, number>();
  for (const proposal of proposals) {
    for (const segment of proposal.segments) {
      for (const { month, premium } of segment.monthlyPremiums) premiums.set(`${proposal.proposalId}#${segment.segment}#${month}`, premium);
    }
  }
  return (entry, month) => premiums.get(`${entry.proposalId}#${entry.segment}#${month}`);
}
