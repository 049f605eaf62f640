import { createHash } from 'node:crypto';
import type { IsoMonth } from '../calendar/calendar';
import type { CoveredEntry } from '../renewal/cover-ledger';
import type { BucketTally } from './bucket-tally';
import type { BillLine, Discrepancy, DiscrepancyKind } from './insurer-bill';
import { monthCover, type PremiumOf } from './month-cover';
import { reconcilePerson } from './reconcile-person';

export interface BucketToReconcile {
  readonly bucket: number;
  readonly month: IsoMonth;
  /** The regulation's covered people of the bucket and year, in NIK order (the ledger streams them). */
  readonly covered: AsyncIterable<CoveredEntry>;
  /** The bill's lines of the bucket, by NIK, in file order. */
  readonly billed: ReadonlyMap<string, readonly BillLine[]>;
  readonly premiumOf: PremiumOf;
}

/**
 * Reconciles one NIK bucket of a month's bill against the ledger, person by person: every
 * covered person, then everyone billed whom the ledger does not cover. The result depends only
 * on the ledger and the bill, so a shard that crashed and runs again finds the same.
 */
export async function reconcileBucket(input: BucketToReconcile): Promise<{ discrepancies: Discrepancy[]; tally: BucketTally }> {
  const discrepancies: Discrepancy[] = [];
  const counts: Partial<Record<DiscrepancyKind, number>> = {};
  const expected = { people: 0, amount: 0 };
  let matched = 0;
  const ledger = createHash('sha256');
  const seen = new Set<string>();

  const compare = (nik: string, entry: CoveredEntry | undefined, cover: ReturnType<typeof monthCover>) => {
    const lines = input.billed.get(nik) ?? [];
    const discrepancy = reconcilePerson({ nik, bucket: input.bucket, entry, cover, lines });
    if (discrepancy) {
      discrepancies.push(discrepancy);
      counts[discrepancy.kind] = (counts[discrepancy.kind] ?? 0) + 1;
    } else if (lines.length > 0) matched += 1;
  };

  for await (const entry of input.covered) {
    seen.add(entry.nik);
    const cover = monthCover(entry, input.month, input.premiumOf);
    ledger.update(`${entry.nik}|${entry.segment}|${cover.kind === 'covered' ? cover.premium : cover.kind}\n`);
    if (cover.kind === 'covered') {
      expected.people += 1;
      expected.amount += cover.premium;
    }
    compare(entry.nik, entry, cover);
  }
  const strangers = [...input.billed.keys()].filter((nik) => !seen.has(nik)).sort();
  for (const nik of strangers) compare(nik, undefined, { kind: 'outside' });

  const billedLines = [...input.billed.values()].flat();
  return {
    discrepancies,
    tally: {
      bucket: input.bucket,
      expected,
      billed: { people: billedLines.length, amount: billedLines.reduce((sum, line) => sum + line.amount, 0) },
      matched,
      discrepancies: counts,
      discrepantAmount: discrepancies.reduce((sum, d) => sum + d.billed, 0),
      ledgerDigest: ledger.digest('hex'),
    },
  };
}
