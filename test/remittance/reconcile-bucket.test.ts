import { describe, expect, it } from 'vitest';
import { type BucketTally, sumTallies } from '../../shared/core/remittance/bucket-tally';
import { type BillLine, Reconciliation } from '../../shared/core/remittance/insurer-bill';
import { reconcileBucket } from '../../shared/core/remittance/reconcile-bucket';
import type { CoveredEntry } from '../../shared/core/renewal/cover-ledger';
import { balikpapanNik, billLine, coveredEntry, premiumTable } from './remittance-fixtures';

/** One NIK bucket of a month's bill against the ledger: every kind at once, the tally, the digest. */

const premiums = premiumTable({ KETUA_RT: 16_800, MARBOT: 20_000 });
const [matchedA, matchedB, notBilled, wrongAmount, twice, dead, diedInMonth, topUp, stranger, strangerTwice, removedUnbilled] = Array.from({ length: 11 }, (_, i) =>
  balikpapanNik(301 + i),
);

function ledger(): CoveredEntry[] {
  return [
    coveredEntry(matchedA!),
    coveredEntry(matchedB!, { segment: 'MARBOT' }),
    coveredEntry(notBilled!),
    coveredEntry(wrongAmount!),
    coveredEntry(twice!, { segment: 'MARBOT' }),
    coveredEntry(dead!, { coverageEnd: '2026-12-20', endReason: 'deceased' }),
    coveredEntry(diedInMonth!, { coverageEnd: '2027-01-10', endReason: 'deceased' }),
    coveredEntry(topUp!, { coverageStart: '2027-07-01' }),
    coveredEntry(removedUnbilled!, { coverageEnd: '2026-11-30', endReason: 'removed' }),
  ].sort((a, b) => a.nik.localeCompare(b.nik));
}

function billed(): Map<string, BillLine[]> {
  const lines = [
    billLine(1, matchedA!, 16_800),
    billLine(2, matchedB!, 20_000),
    billLine(3, wrongAmount!, 18_000),
    billLine(4, twice!, 20_000),
    billLine(5, dead!, 16_800),
    billLine(6, diedInMonth!, 16_800),
    billLine(7, topUp!, 16_800),
    billLine(8, stranger!, 16_800),
    billLine(9, twice!, 20_000),
    billLine(10, strangerTwice!, 16_800),
    billLine(11, strangerTwice!, 16_800),
  ];
  const byNik = new Map<string, BillLine[]>();
  for (const line of lines) byNik.set(line.nik, [...(byNik.get(line.nik) ?? []), line]);
  return byNik;
}

async function* stream<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

const reconcile = (entries = ledger(), lines = billed(), bucket = 5) =>
  reconcileBucket({ bucket, month: '2027-01', covered: stream(entries), billed: lines, premiumOf: premiums });

describe('reconcileBucket', () => {
  it('finds every kind, once per person, covered people first (in ledger order), then strangers by NIK', async () => {
    const { discrepancies } = await reconcile();
    const kinds = Object.fromEntries(discrepancies.map((d) => [d.nik, d.kind]));
    expect(kinds).toEqual({
      [notBilled!]: 'not-billed',
      [wrongAmount!]: 'amount-differs',
      [twice!]: 'billed-twice',
      [dead!]: 'billed-after-cover-ended',
      [topUp!]: 'not-enrolled',
      [stranger!]: 'not-enrolled',
      [strangerTwice!]: 'not-enrolled',
    });
    const coveredOrder = ledger().map((e) => e.nik).filter((nik) => nik in kinds);
    const strangers = [stranger!, strangerTwice!].sort();
    expect(discrepancies.map((d) => d.nik)).toEqual([...coveredOrder, ...strangers]);
    expect(discrepancies.every((d) => d.bucket === 5)).toBe(true);
    expect(discrepancies.find((d) => d.nik === strangerTwice)).toMatchObject({ lines: [10, 11], billed: 33_600, expected: 0 });
    expect(discrepancies.find((d) => d.nik === twice)).toMatchObject({ lines: [4, 9], billed: 40_000, expected: 20_000, segment: 'MARBOT' });
  });

  it('tallies the ledger side, the bill side, the matched and each kind', async () => {
    const { tally } = await reconcile();
    expect(tally).toEqual({
      bucket: 5,
      // Covered in January: matchedA, matchedB, notBilled, wrongAmount, twice, diedInMonth (billed through January).
      expected: { people: 6, amount: 16_800 + 20_000 + 16_800 + 16_800 + 20_000 + 16_800 },
      // The bill's lines, not its people.
      billed: { people: 11, amount: 16_800 * 7 + 20_000 * 3 + 18_000 },
      matched: 3,
      discrepancies: { 'not-billed': 1, 'amount-differs': 1, 'billed-twice': 1, 'billed-after-cover-ended': 1, 'not-enrolled': 3 },
      // Σ of what the lines with a discrepancy billed: wrongAmount, twice ×2, dead, topUp, stranger, strangerTwice ×2.
      discrepantAmount: 18_000 + 40_000 + 16_800 + 16_800 + 16_800 + 33_600,
      ledgerDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('an empty bucket tallies zeros', async () => {
    const { discrepancies, tally } = await reconcile([], new Map(), 0);
    expect(discrepancies).toEqual([]);
    expect(tally).toMatchObject({ bucket: 0, expected: { people: 0, amount: 0 }, billed: { people: 0, amount: 0 }, matched: 0, discrepancies: {}, discrepantAmount: 0 });
  });

  it('the ledger digest depends on the ledger only, the same every run', async () => {
    const first = await reconcile();
    const again = await reconcile();
    expect(again).toEqual(first);
    // The bill does not enter the ledger's digest...
    const otherBill = await reconcile(ledger(), new Map([[matchedA!, [billLine(1, matchedA!, 1)]]]));
    expect(otherBill.tally.ledgerDigest).toBe(first.tally.ledgerDigest);
    // ...a premium, a segment, a person or an end does.
    const changed = [
      ledger().map((e) => (e.nik === matchedA ? { ...e, segment: 'MARBOT' } : e)),
      ledger().filter((e) => e.nik !== notBilled),
      ledger().map((e) => (e.nik === topUp ? { ...e, coverageStart: '2027-01-01' } : e)),
      ledger().map((e) => (e.nik === matchedB ? { ...e, coverageEnd: '2026-12-31', endReason: 'removed' as const } : e)),
    ];
    const digests = await Promise.all(changed.map(async (entries) => (await reconcile(entries)).tally.ledgerDigest));
    for (const digest of digests) expect(digest).not.toBe(first.tally.ledgerDigest);
    expect(new Set(digests).size).toBe(digests.length);
  });
});

describe('sumTallies', () => {
  const tally = (bucket: number, overrides: Partial<BucketTally> = {}): BucketTally => ({
    bucket,
    expected: { people: 10, amount: 168_000 },
    billed: { people: 11, amount: 184_800 },
    matched: 9,
    discrepancies: { 'billed-twice': 1 },
    discrepantAmount: 33_600,
    ledgerDigest: `digest-${bucket}`,
    ...overrides,
  });
  const tallies = [
    tally(2),
    tally(0, { discrepancies: { 'not-billed': 2, 'billed-twice': 1 }, discrepantAmount: 16_800 }),
    tally(1, { expected: { people: 3, amount: 50_400 }, billed: { people: 0, amount: 0 }, matched: 0, discrepancies: {}, discrepantAmount: 0 }),
  ];

  it('adds the buckets up, every kind counted, absent kinds as zero', () => {
    const sum = sumTallies(tallies, '2027-01-20T03:00:00.000Z');
    expect(sum).toEqual({
      expected: { people: 23, amount: 386_400 },
      billed: { people: 22, amount: 369_600 },
      matched: 18,
      discrepancies: { 'not-enrolled': 0, 'not-billed': 2, 'amount-differs': 0, 'billed-after-cover-ended': 0, 'billed-twice': 2 },
      discrepantAmount: 50_400,
      ledgerHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      finishedAt: '2027-01-20T03:00:00.000Z',
    });
    // What is stored and served must be what the published schema says a reconciliation is.
    expect(Reconciliation.safeParse(sum).success).toBe(true);
    expect(Reconciliation.safeParse(sumTallies([], 'x')).success).toBe(true);
  });

  it('chains the bucket digests in bucket order, whatever order the tallies come in', () => {
    const hash = sumTallies(tallies, 'x').ledgerHash;
    expect(sumTallies([...tallies].reverse(), 'y').ledgerHash).toBe(hash);
    expect(sumTallies(tallies.map((t) => (t.bucket === 1 ? { ...t, ledgerDigest: 'other' } : t)), 'x').ledgerHash).not.toBe(hash);
    // A digest moved to another bucket is another ledger.
    expect(sumTallies(tallies.map((t) => ({ ...t, bucket: t.bucket + 3 })), 'x').ledgerHash).not.toBe(hash);
  });
});
