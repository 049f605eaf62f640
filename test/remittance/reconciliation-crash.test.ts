import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../shared/core/access/roles';
import { auditEvent } from '../../shared/core/audit/audit-event';
import type { ProposalRecord } from '../../shared/core/budget/proposal-record';
import { ConflictError, ForbiddenError, InvalidInputError } from '../../shared/core/errors';
import { nikBucket, NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { acceptBill } from '../../shared/core/remittance/accept-bill';
import { completeBill } from '../../shared/core/remittance/complete-bill';
import { disputeLine } from '../../shared/core/remittance/dispute-line';
import { finishReconciliation } from '../../shared/core/remittance/finish-reconciliation';
import type { BillHeader, BillLine, Discrepancy, DiscrepancyKind, InsurerBill } from '../../shared/core/remittance/insurer-bill';
import { type BillToOpen, openBill } from '../../shared/core/remittance/open-bill';
import { receiveBillLines } from '../../shared/core/remittance/receive-bill-lines';
import { reconcileShard } from '../../shared/core/remittance/reconcile-shard';
import { recordPayment } from '../../shared/core/remittance/record-payment';
import type { RemittanceStore } from '../../shared/core/remittance/remittance-store';
import { withdrawBill } from '../../shared/core/remittance/withdraw-bill';
import type { CoveredEntry } from '../../shared/core/renewal/cover-ledger';
import type { WorkflowStarter } from '../../shared/core/workflow-starter';
import { useLocalTables } from '../support/local-tables';
import { tangselRegulation } from '../support/tangsel';
import { balikpapanNik, yearOfPremiums } from './remittance-fixtures';

/**
 * A month's bill reconciled at the use-case level on DynamoDB Local, with the store crashing in the
 * middle of a shard (its discrepancies written, its tally not) and in the middle of the bucket loop
 * (a shard done, its caller dead): run again, it gives exactly what an uncrashed reconciliation of
 * the identical bill gives, and what the planted discrepancies say it must. Then the bill's life
 * after: disputes, acceptance and SP2D payments, and the rules that guard opening and completing.
 */

const REG = 'remit-crash-ledger';
const REFUSED_REG = 'remit-crash-refused';
const MONTH = '2027-01';
const KODE_IURAN = '47110000271';
const PREMIUM: Record<string, number> = { KETUA_RT: 16_800, MARBOT: 20_000 };
const PROPOSAL_ID = 'bp-2027-remit-crash-01';
const siti: Caller = { userId: 'u-remit-siti', username: 'siti-remit', roles: ['finance'] };
const dewi: Caller = { userId: 'u-remit-dewi', username: 'dewi-remit', roles: ['finance'] };
const at = new Date('2027-01-20T03:00:00.000Z');
const regulation = (id: string): Regulation => ({ ...tangselRegulation(id), version: 1, recordedAt: '2026-10-01T00:00:00.000Z', recordedBy: 'ani' });

// ---------------------------------------------------------------------------------------------
// The ledger: 200 people of REG for 2027, and what is planted among them.
// ---------------------------------------------------------------------------------------------

const person = (serial: number) => balikpapanNik(serial, 8);
const segmentOf = (serial: number) => (serial % 5 === 0 ? 'MARBOT' : 'KETUA_RT');
const PEOPLE = Array.from({ length: 200 }, (_, i) => i + 1);
/** What the bill gets wrong, person by person (serials), and the kind the reconciliation must find. */
const PLANTED = {
  notBilled: [11, 12],
  /** 21 billed 18,000 for 16,800; 25 (MARBOT) billed the KETUA_RT premium. */
  amountDiffers: { 21: 18_000, 25: 16_800 } as Record<number, number>,
  /** 31 on two lines at the premium; 33 on two lines, one of them wrong too (twice comes first). */
  billedTwice: [31, 33],
  /** Died before the year (a renewed entry): billed all the same. */
  diedBefore: 41,
  /** Removed before the year, and rightly not billed: nothing to find. */
  removedBefore: 42,
  /** Died on 10 January: January is billed in full, rightly. */
  diedInMonth: 43,
  /** A top-up cohort from July, billed for January. */
  topUp: 51,
  /** Enrollment failed (never covered), billed all the same. */
  failed: 52,
  /** On nobody's ledger; 9002 on two lines. */
  strangers: [9001, 9002],
};

function ledgerEntries(): CoveredEntry[] {
  return PEOPLE.map((serial) => {
    const segment = segmentOf(serial);
    const entry: CoveredEntry = {
      nik: person(serial),
      year: 2027,
      regulationId: REG,
      proposalId: PROPOSAL_ID,
      runId: 'run-remit-crash-0001',
      attempt: 1,
      segment,
      name: `Warga Balikpapan ${serial}`,
      programs: ['JKK', 'JKM'],
      status: 'enrolled',
      kpj: `2700${String(serial).padStart(7, '0')}`,
      coverageStart: '2027-01-01',
      coverageEnd: '2027-12-31',
      amount: 12 * PREMIUM[segment]!,
      updatedAt: '2026-12-15T00:00:00.000Z',
    };
    if (serial === PLANTED.diedBefore) return { ...entry, coverageEnd: '2026-12-20', endReason: 'deceased', released: entry.amount };
    if (serial === PLANTED.removedBefore) return { ...entry, coverageEnd: '2026-12-31', endReason: 'removed', released: entry.amount };
    if (serial === PLANTED.diedInMonth) return { ...entry, coverageEnd: '2027-01-10', endReason: 'deceased', released: 11 * PREMIUM[segment]! };
    if (serial === PLANTED.topUp) return { ...entry, coverageStart: '2027-07-01', amount: 6 * PREMIUM[segment]! };
    if (serial === PLANTED.failed) {
      const { kpj: _kpj, coverageStart: _start, coverageEnd: _end, ...rest } = entry;
      return { ...rest, status: 'failed', amount: 0, reason: 'INSURER_REJECTED' };
    }
    return entry;
  });
}

function proposal(): ProposalRecord {
  const headcount = (segment: string) => PEOPLE.filter((s) => segmentOf(s) === segment).length;
  const segments = Object.entries(PREMIUM).map(([segment, premium], i) => ({
    segment,
    name: segment,
    priority: i + 1,
    headcount: headcount(segment),
    monthlyPremiums: yearOfPremiums(2027, premium),
    months: 12,
    amount: headcount(segment) * 12 * premium,
  }));
  return {
    proposalId: PROPOSAL_ID,
    regulationId: REG,
    regulationVersion: 1,
    title: 'Remittance crash test',
    year: 2027,
    cohort: 'original',
    startMonth: '2027-01',
    decideBy: '2026-12-31',
    status: 'approved',
    requestedBy: 'ani',
    requestedByUserId: 'u-remit-ani',
    requestedAt: '2026-11-01T00:00:00.000Z',
    segments,
    total: segments.reduce((sum, s) => sum + s.amount, 0),
    totalHeadcount: PEOPLE.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The bill, and what reconciling it must find (worked out from PLANTED, not by the code under test).
// ---------------------------------------------------------------------------------------------

function billLines(): BillLine[] {
  const rows: { serial: number; amount: number; segment: string }[] = [];
  const seconds: typeof rows = [];
  for (const serial of PEOPLE) {
    if (PLANTED.notBilled.includes(serial) || serial === PLANTED.removedBefore) continue;
    const segment = segmentOf(serial);
    rows.push({ serial, segment, amount: PLANTED.amountDiffers[serial] ?? PREMIUM[segment]! });
    // The second line of a person billed twice comes at the end of the file: another chunk.
    if (PLANTED.billedTwice.includes(serial)) seconds.push({ serial, segment, amount: serial === 33 ? 17_000 : PREMIUM[segment]! });
  }
  rows.push({ serial: 9001, segment: 'KETUA_RT', amount: 16_800 }, ...seconds, { serial: 9002, segment: 'KETUA_RT', amount: 16_800 }, { serial: 9002, segment: 'KETUA_RT', amount: 16_800 });
  return rows.map((row, i) => ({
    line: i + 1,
    kpj: `2700${String(row.serial).padStart(7, '0')}`,
    nik: person(row.serial),
    name: `Warga Balikpapan ${row.serial}`,
    segment: row.segment,
    month: MONTH,
    amount: row.amount,
  }));
}

const LINES = billLines();
const HEADER: BillHeader = { kodeIuran: KODE_IURAN, month: MONTH, controlCount: LINES.length, controlTotal: LINES.reduce((sum, l) => sum + l.amount, 0) };
const CHUNKS = [LINES.slice(0, 70), LINES.slice(70, 140), LINES.slice(140)];

function plantedDiscrepancies(): { nik: string; kind: DiscrepancyKind; bucket: number; expected: number; billed: number; lines: number[] }[] {
  const linesOf = (serial: number) => LINES.filter((l) => l.nik === person(serial));
  const found = (serial: number, kind: DiscrepancyKind, expected: number) => ({
    nik: person(serial),
    kind,
    bucket: nikBucket(person(serial)),
    expected,
    billed: linesOf(serial).reduce((sum, l) => sum + l.amount, 0),
    lines: linesOf(serial).map((l) => l.line),
  });
  return [
    ...PLANTED.notBilled.map((s) => found(s, 'not-billed', PREMIUM[segmentOf(s)]!)),
    ...Object.keys(PLANTED.amountDiffers).map(Number).map((s) => found(s, 'amount-differs', PREMIUM[segmentOf(s)]!)),
    ...PLANTED.billedTwice.map((s) => found(s, 'billed-twice', PREMIUM[segmentOf(s)]!)),
    found(PLANTED.diedBefore, 'billed-after-cover-ended', 0),
    ...[PLANTED.topUp, PLANTED.failed, ...PLANTED.strangers].map((s) => found(s, 'not-enrolled', 0)),
  ].sort((a, b) => a.bucket - b.bucket || a.nik.localeCompare(b.nik));
}

const PLANTED_FOUND = plantedDiscrepancies();
/** Covered in January: everyone but those whose cover ended before it, the top-up and the failed. */
const COVERED_IN_JANUARY = PEOPLE.filter((s) => ![PLANTED.diedBefore, PLANTED.removedBefore, PLANTED.topUp, PLANTED.failed].includes(s));

const digestOf = (salt: string) => createHash('sha256').update(salt).update(JSON.stringify({ HEADER, LINES })).digest('hex');
const fileA: BillToOpen = { header: HEADER, fileName: 'tagihan-2027-01.csv', fileDigest: digestOf('a'), source: 'file' };
/** The identical bill, imported again as another file (another digest, so another bill). */
const fileB: BillToOpen = { ...fileA, fileName: 'tagihan-2027-01 (1).csv', fileDigest: digestOf('b') };

// ---------------------------------------------------------------------------------------------
// The adapters, a workflow starter that only records, and a store that crashes where told.
// ---------------------------------------------------------------------------------------------

type Adapters = {
  store: RemittanceStore;
  ledger: import('../../shared/core/renewal/cover-ledger').CoverLedger;
  proposals: import('../../shared/adapters/dynamodb/dynamodb-proposal-store').DynamoDbProposalStore;
  documentClient: typeof import('../../shared/adapters/dynamodb/document-client').documentClient;
};
let adapters: Adapters;
const started: { workflow: string; name: string; input: Record<string, unknown> }[] = [];
const workflows: WorkflowStarter = {
  async start(workflow, name, input) {
    started.push({ workflow, name, input });
    return `arn:aws:states:local:000000000000:execution:${workflow}:${name}`;
  },
};

class Crash extends Error {}

interface CrashPlan {
  /** The shard of this bucket dies after writing its discrepancies, before its tally. */
  beforeTally?: number;
  /** The shard of this bucket finishes, and its caller dies before going on. */
  afterShard?: number;
}

/** The DynamoDB store, crashing as planned (each crash once), and counting what shards read and write. */
function crashingStore(plan: CrashPlan, calls: { billedLines: number[]; finishShard: number[] }): RemittanceStore {
  const inner = adapters.store;
  const { documentClient } = adapters;
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'billedLines') {
        return async (billId: string, bucket: number) => {
          calls.billedLines.push(bucket);
          return target.billedLines(billId, bucket);
        };
      }
      if (property === 'finishShard') {
        return async (...args: Parameters<RemittanceStore['finishShard']>) => {
          const bucket = args[3].bucket;
          calls.finishShard.push(bucket);
          if (plan.beforeTally === bucket) {
            plan.beforeTally = undefined;
            // The real adapter, dying between its two writes: the tally's put never lands.
            const send = documentClient.send.bind(documentClient);
            const spy = vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
              if (command instanceof PutCommand && String(command.input.Item?.sk).startsWith('TALLY#')) throw new Crash(`crashed before the tally of bucket ${bucket}`);
              return (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
            }) as never);
            try {
              await target.finishShard(...args);
            } finally {
              spy.mockRestore();
            }
            return;
          }
          await target.finishShard(...args);
          if (plan.afterShard === bucket) {
            plan.afterShard = undefined;
            throw new Crash(`crashed after the shard of bucket ${bucket}`);
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const BUCKETS = Array.from({ length: NIK_BUCKETS }, (_, b) => b);

/** The workflow's Map, one shard after another, as far as it gets. */
async function reconcileEveryBucket(store: RemittanceStore, billId: string, attempt: number): Promise<void> {
  for (const bucket of BUCKETS) await reconcileShard({ store, ledger: adapters.ledger, proposals: adapters.proposals }, { billId, attempt, bucket });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Uploads a bill's lines chunk by chunk and completes it (the workflow only recorded). */
async function uploadAndComplete(billId: string, chunks: BillLine[][] = CHUNKS): Promise<InsurerBill> {
  for (const [seq, lines] of chunks.entries()) expect(await receiveBillLines(adapters.store, billId, seq, lines)).toEqual({ seq, lines: lines.length });
  return completeBill({ store: adapters.store, workflows }, billId, { chunks: chunks.length, lines: chunks.flat().length }, siti, at);
}

/** Opens a new bill, uploads it and completes it. */
async function importBill(regulationId: string, file: BillToOpen, chunks: BillLine[][] = CHUNKS): Promise<InsurerBill> {
  const { bill, created } = await openBill(adapters.store, regulation(regulationId), file, siti, at);
  expect(created).toBe(true);
  return uploadAndComplete(bill.billId, chunks);
}

/** A promise that must settle soon: a use case that loops forever fails the test instead of hanging it. */
function soon<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms))]);
}

beforeAll(async () => {
  await useLocalTables();
  const [{ DynamoDbRemittanceStore }, { DynamoDbCoverLedger }, { DynamoDbProposalStore }, { DynamoDbEnrollmentLedger }, { documentClient }] = await Promise.all([
    import('../../shared/adapters/dynamodb/dynamodb-remittance-store'),
    import('../../shared/adapters/dynamodb/dynamodb-cover-ledger'),
    import('../../shared/adapters/dynamodb/dynamodb-proposal-store'),
    import('../../shared/adapters/dynamodb/dynamodb-enrollment-ledger'),
    import('../../shared/adapters/dynamodb/document-client'),
  ]);
  adapters = { store: new DynamoDbRemittanceStore(), ledger: new DynamoDbCoverLedger(), proposals: new DynamoDbProposalStore(), documentClient };
  await new DynamoDbEnrollmentLedger().write(ledgerEntries());
  const created = await adapters.proposals.create(
    proposal(),
    auditEvent({ caller: siti, at, action: 'budget.proposed', entityType: 'regulation', entityId: REG, summary: `seeded for the remittance crash test: ${PROPOSAL_ID}` }),
  );
  expect(created).toBe(true);
}, 120_000);

describe('the planted bill', () => {
  it('is what the test says it is', () => {
    expect(LINES).toHaveLength(200 - 3 + 2 + 3);
    expect(PLANTED_FOUND).toHaveLength(11);
    expect(new Set(PLANTED_FOUND.map((d) => d.kind)).size).toBe(5);
    // The discrepancies are spread over several buckets, and a person billed twice over two chunks.
    expect(new Set(PLANTED_FOUND.map((d) => d.bucket)).size).toBeGreaterThan(4);
    const thirtyOne = LINES.filter((l) => l.nik === person(31)).map((l) => l.line);
    expect(thirtyOne[0]).toBeLessThanOrEqual(70);
    expect(thirtyOne[1]).toBeGreaterThan(140);
  });
});

describe('reconciling a bill on DynamoDB Local', () => {
  let opened: InsurerBill;
  let reference: { bill: InsurerBill; discrepancies: Discrepancy[] };
  let crashed: InsurerBill;
  const crashBucket = () => PLANTED_FOUND.map((d) => d.bucket).find((b) => b >= 4 && b <= 24)!;
  const loopCrashBucket = () => BUCKETS.find((b) => b > crashBucket() + 2)!;

  it('opening: the same file twice is one bill; another file for the month is a conflict naming it', async () => {
    const first = await openBill(adapters.store, regulation(REG), fileA, siti, at);
    expect(first.created).toBe(true);
    expect(first.bill).toMatchObject({ regulationId: REG, month: MONTH, year: 2027, status: 'receiving', attempt: 1, controlCount: HEADER.controlCount, controlTotal: HEADER.controlTotal });
    const again = await openBill(adapters.store, regulation(REG), fileA, siti, at);
    expect(again).toEqual({ bill: first.bill, created: false });

    const other = openBill(adapters.store, regulation(REG), { ...fileA, fileDigest: digestOf('other'), header: { ...HEADER, controlTotal: HEADER.controlTotal + 1 } }, siti, at);
    await expect(other).rejects.toBeInstanceOf(ConflictError);
    await expect(other).rejects.toThrow(first.bill.billId);
    await expect(other).rejects.toMatchObject({ details: { billId: first.bill.billId, status: 'receiving' } });
    expect((await adapters.store.billOfMonth(REG, MONTH))?.billId).toBe(first.bill.billId);
    opened = first.bill;
  });

  it('the uncrashed reference: the bill reconciled in one go', async () => {
    const bill = await uploadAndComplete(opened.billId);
    expect(bill.status).toBe('reconciling');
    expect(bill.received).toEqual({ people: HEADER.controlCount, amount: HEADER.controlTotal });
    expect(started.at(-1)).toEqual({ workflow: 'reconciliation', name: `${bill.billId}-a1`, input: { billId: bill.billId, attempt: 1 } });
    await reconcileEveryBucket(adapters.store, bill.billId, 1);
    const finished = await finishReconciliation(adapters.store, { billId: bill.billId, attempt: 1 }, at);
    reference = { bill: finished, discrepancies: await collect(adapters.store.allDiscrepancies(bill.billId, 1)) };
    expect(finished.status).toBe('reconciled');
  }, 120_000);

  it('the reference is what was planted', () => {
    const { bill, discrepancies } = reference;
    const expectedAmount = COVERED_IN_JANUARY.reduce((sum, s) => sum + PREMIUM[segmentOf(s)]!, 0);
    expect(bill.reconciliation).toEqual({
      expected: { people: COVERED_IN_JANUARY.length, amount: expectedAmount },
      billed: { people: HEADER.controlCount, amount: HEADER.controlTotal },
      matched: COVERED_IN_JANUARY.length - 6,
      discrepancies: { 'not-enrolled': 4, 'not-billed': 2, 'amount-differs': 2, 'billed-after-cover-ended': 1, 'billed-twice': 2 },
      discrepantAmount: PLANTED_FOUND.reduce((sum, d) => sum + d.billed, 0),
      ledgerHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      finishedAt: at.toISOString(),
    });
    // In bucket and NIK order, each as planted.
    expect(discrepancies.map(({ nik, kind, bucket, expected, billed, lines }) => ({ nik, kind, bucket, expected, billed, lines }))).toEqual(PLANTED_FOUND);
    const died = discrepancies.find((d) => d.nik === person(PLANTED.diedBefore))!;
    expect(died).toMatchObject({ name: `Warga Balikpapan ${PLANTED.diedBefore}`, segment: segmentOf(PLANTED.diedBefore), kpj: `2700${String(PLANTED.diedBefore).padStart(7, '0')}` });
    expect(died.detail).toContain('died; cover was billed through 2026-12');
    for (const d of discrepancies) expect(d.detail).not.toMatch(/\d{16}/);
  });

  it('pages the discrepancies, all of them or of one kind', async () => {
    const { billId } = reference.bill;
    const paged: Discrepancy[] = [];
    let cursor: string | undefined;
    do {
      const page = await adapters.store.discrepancies(billId, 1, { limit: 4, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(reference.discrepancies);
    const strangers = await adapters.store.discrepancies(billId, 1, { kind: 'not-enrolled', limit: 50 });
    expect(strangers.items.map((d) => d.nik)).toEqual(reference.discrepancies.filter((d) => d.kind === 'not-enrolled').map((d) => d.nik));
    expect(await adapters.store.discrepancy(billId, 1, person(31))).toEqual(reference.discrepancies.find((d) => d.nik === person(31)));
    expect(await adapters.store.discrepancy(billId, 1, person(1))).toBeUndefined();
  });

  it('withdrawn, the reference gives its month up; the same file again is refused rather than looped on', async () => {
    const withdrawn = await withdrawBill(adapters.store, reference.bill.billId, { reason: 'a test replaces it' }, siti, at);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.reconciliation).toEqual(reference.bill.reconciliation);
    expect(await adapters.store.billOfMonth(REG, MONTH)).toBeUndefined();
    const reopened = soon(openBill(adapters.store, regulation(REG), fileA, siti, at));
    await expect(reopened).rejects.toBeInstanceOf(ConflictError);
    await expect(reopened).rejects.toThrow(reference.bill.billId);
    expect(await adapters.store.billOfMonth(REG, MONTH)).toBeUndefined();
  });

  it('the identical bill, crashing in a shard between its discrepancies and its tally: the loop stops there', async () => {
    const bill = await importBill(REG, fileB);
    expect(bill.billId).not.toBe(reference.bill.billId);
    const c = crashBucket();
    expect(PLANTED_FOUND.some((d) => d.bucket === c)).toBe(true);
    const calls = { billedLines: [] as number[], finishShard: [] as number[] };
    await expect(reconcileEveryBucket(crashingStore({ beforeTally: c }, calls), bill.billId, 1)).rejects.toThrow(`crashed before the tally of bucket ${c}`);
    expect(calls.finishShard).toEqual(BUCKETS.slice(0, c + 1));
    // The crashed shard's discrepancies are stored; its tally is not.
    const stored = await collect(adapters.store.allDiscrepancies(bill.billId, 1));
    expect(stored.filter((d) => d.bucket === c).map((d) => d.nik)).toEqual(PLANTED_FOUND.filter((d) => d.bucket === c).map((d) => d.nik));
    expect([...(await adapters.store.tallies(bill.billId, 1)).keys()].sort((a, b) => a - b)).toEqual(BUCKETS.slice(0, c));
    // Finishing now would sum a part: it refuses, and the bill stays reconciling.
    await expect(finishReconciliation(adapters.store, { billId: bill.billId, attempt: 1 }, at)).rejects.toThrow(/Buckets .* were not reconciled/);
    expect((await adapters.store.bill(bill.billId))?.status).toBe('reconciling');
    crashed = bill;
  }, 120_000);

  it('run again, it crashes in the middle of the loop, after a shard finished', async () => {
    const c = crashBucket();
    const k = loopCrashBucket();
    const calls = { billedLines: [] as number[], finishShard: [] as number[] };
    await expect(reconcileEveryBucket(crashingStore({ afterShard: k }, calls), crashed.billId, 1)).rejects.toThrow(`crashed after the shard of bucket ${k}`);
    // Shards done before are skipped without reading a line; the crashed one runs again.
    expect(calls.billedLines).toEqual(BUCKETS.slice(c, k + 1));
    expect(calls.finishShard).toEqual(BUCKETS.slice(c, k + 1));
    expect([...(await adapters.store.tallies(crashed.billId, 1)).keys()].sort((a, b) => a - b)).toEqual(BUCKETS.slice(0, k + 1));
  }, 120_000);

  it('run once more, it finishes, and its report equals the uncrashed one and the planted one', async () => {
    const k = loopCrashBucket();
    const calls = { billedLines: [] as number[], finishShard: [] as number[] };
    await reconcileEveryBucket(crashingStore({}, calls), crashed.billId, 1);
    expect(calls.finishShard).toEqual(BUCKETS.slice(k + 1));
    const finished = await finishReconciliation(adapters.store, { billId: crashed.billId, attempt: 1 }, at);
    expect(finished.status).toBe('reconciled');
    expect(finished.reconciliation).toEqual(reference.bill.reconciliation);
    const discrepancies = await collect(adapters.store.allDiscrepancies(crashed.billId, 1));
    expect(discrepancies).toEqual(reference.discrepancies);
    expect(discrepancies.map(({ nik, kind, bucket, expected, billed, lines }) => ({ nik, kind, bucket, expected, billed, lines }))).toEqual(PLANTED_FOUND);
    crashed = finished;
  }, 120_000);

  it('finishing again changes nothing, and a shard run after it is done is skipped', async () => {
    const again = await finishReconciliation(adapters.store, { billId: crashed.billId, attempt: 1 }, new Date('2027-01-21T00:00:00.000Z'));
    expect(again).toEqual(crashed);
    const calls = { billedLines: [] as number[], finishShard: [] as number[] };
    const store = crashingStore({}, calls);
    const c = crashBucket();
    const shard = await reconcileShard({ store, ledger: adapters.ledger, proposals: adapters.proposals }, { billId: crashed.billId, attempt: 1, bucket: c });
    expect(shard).toEqual({ bucket: c, discrepancies: PLANTED_FOUND.filter((d) => d.bucket === c).length });
    expect(calls).toEqual({ billedLines: [], finishShard: [] });
    expect(await adapters.store.bill(crashed.billId)).toEqual(crashed);
  });

  it('acceptance: payable is the control total less the disputed lines', async () => {
    const { billId } = crashed;
    await disputeLine(adapters.store, billId, { nik: person(PLANTED.diedBefore), note: 'Meninggal 20 Desember 2026' }, siti, at);
    await disputeLine(adapters.store, billId, { nik: person(9002), note: 'Bukan peserta kami, ditagih dua kali' }, siti, at);
    // Disputing again replaces the note, and counts once.
    await disputeLine(adapters.store, billId, { nik: person(9002), note: 'Bukan peserta kami' }, siti, at);
    const disputedAmount = PLANTED_FOUND.filter((d) => [person(PLANTED.diedBefore), person(9002)].includes(d.nik)).reduce((sum, d) => sum + Math.max(0, d.billed - d.expected), 0);
    expect(disputedAmount).toBe(16_800 + 33_600);
    const accepted = await acceptBill(adapters.store, billId, { note: 'Sesuai rekonsiliasi' }, siti, at);
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptance).toMatchObject({ byUserId: siti.userId, payable: HEADER.controlTotal - disputedAmount, disputed: { people: 2, amount: disputedAmount } });
    expect((await adapters.store.discrepancy(billId, 1, person(9002)))?.dispute?.note).toBe('Bukan peserta kami');
    crashed = accepted;
  });

  it('payments: separation of duties, the kode iuran, no overpayment, one SP2D once', async () => {
    const { billId } = crashed;
    const payable = crashed.acceptance!.payable;
    const pay = (caller: Caller, sp2dNumber: string, amount: number, kodeIuran = KODE_IURAN) =>
      recordPayment(adapters.store, billId, { sp2dNumber, sp2dDate: '2027-01-25', amount, kodeIuran }, caller, at);

    await expect(pay(siti, 'SP2D-REMIT-001', 1_000)).rejects.toBeInstanceOf(ForbiddenError);

    const wrongCode = pay(dewi, 'SP2D-REMIT-001', 1_000, '47110000272');
    await expect(wrongCode).rejects.toBeInstanceOf(InvalidInputError);
    await expect(wrongCode).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'kodeIuran' })] });

    const half = Math.floor(payable / 2);
    const partly = await pay(dewi, 'SP2D-REMIT-001', half);
    expect(partly).toMatchObject({ paid: half, payments: [expect.objectContaining({ sp2dNumber: 'SP2D-REMIT-001', amount: half, recordedByUserId: dewi.userId })] });

    const over = pay(dewi, 'SP2D-REMIT-002', payable - half + 1);
    await expect(over).rejects.toBeInstanceOf(InvalidInputError);
    await expect(over).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'amount' })] });

    expect(await pay(dewi, 'SP2D-REMIT-001', half)).toEqual(partly);
    await expect(pay(dewi, 'SP2D-REMIT-001', half + 1)).rejects.toBeInstanceOf(ConflictError);

    // Two at once that each fit, but not together: only one lands.
    const remaining = payable - half;
    const both = await Promise.allSettled([pay(dewi, 'SP2D-REMIT-003', remaining - 1_000), pay(dewi, 'SP2D-REMIT-004', remaining - 1_000)]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(InvalidInputError);
    const afterRace = await adapters.store.bill(billId);
    expect(afterRace?.paid).toBe(half + remaining - 1_000);
    expect(afterRace?.payments).toHaveLength(2);

    const settled = await pay(dewi, 'SP2D-REMIT-005', 1_000);
    expect(settled.paid).toBe(payable);
    await expect(pay(dewi, 'SP2D-REMIT-006', 1)).rejects.toBeInstanceOf(InvalidInputError);
  }, 120_000);
});

describe('a bill whose lines do not add up', () => {
  const lines = LINES.slice(0, 3).map((l, i) => ({ ...l, line: i + 1 }));
  const wrongLines = lines.map((l, i) => (i === 2 ? { ...l, amount: l.amount - 400 } : l));
  const header: BillHeader = { kodeIuran: KODE_IURAN, month: MONTH, controlCount: 3, controlTotal: lines.reduce((sum, l) => sum + l.amount, 0) };
  const wrongFile: BillToOpen = { header, fileName: 'salah.csv', fileDigest: createHash('sha256').update('wrong').digest('hex'), source: 'file' };
  const rightFile: BillToOpen = { header, fileName: 'benar.csv', fileDigest: createHash('sha256').update('right').digest('hex'), source: 'file' };

  it('is refused with the difference, and its month is free for a corrected file', async () => {
    const startedBefore = started.length;
    const completing = importBill(REFUSED_REG, wrongFile, [wrongLines]);
    await expect(completing).rejects.toBeInstanceOf(InvalidInputError);
    await expect(completing).rejects.toThrow('(Rp400 less)');
    await expect(completing).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: 'controlTotal' })]) });
    expect(started).toHaveLength(startedBefore);

    const refusedId = `${REFUSED_REG}-${MONTH}-${wrongFile.fileDigest.slice(0, 10)}`;
    const refused = await adapters.store.bill(refusedId);
    expect(refused).toMatchObject({ status: 'refused', received: { people: 3, amount: header.controlTotal - 400 } });
    expect(refused?.failure).toContain('Rp400 less');
    expect(await adapters.store.billOfMonth(REFUSED_REG, MONTH)).toBeUndefined();

    // The same wrong file again is not opened again (nor looped on).
    await expect(soon(openBill(adapters.store, regulation(REFUSED_REG), wrongFile, siti, at))).rejects.toThrow(refusedId);

    const corrected = await importBill(REFUSED_REG, rightFile, [lines]);
    expect(corrected).toMatchObject({ status: 'reconciling', received: { people: 3, amount: header.controlTotal } });
    expect((await adapters.store.billOfMonth(REFUSED_REG, MONTH))?.billId).toBe(corrected.billId);
    expect(started.at(-1)).toMatchObject({ name: `${corrected.billId}-a1` });
  }, 60_000);
});

describe("a shard run again after the ledger changed", () => {
  it('leaves only the discrepancies the ledger still shows, so the list matches the tally', async () => {
    const billId = 'remit-crash-stale-2027-01-0000000000';
    const [first, second] = PLANTED_FOUND.slice(0, 2).map((d): Discrepancy => ({ ...d, bucket: 5, name: 'Warga', segment: 'KETUA_RT', detail: 'planted' }));
    const tally = { bucket: 5, expected: { people: 0, amount: 0 }, billed: { people: 0, amount: 0 }, matched: 0, discrepancies: {}, discrepantAmount: 0, ledgerDigest: 'x' };
    // The crashed run found two; the rerun, after a death was recorded, finds only one.
    await adapters.store.finishShard(billId, 1, [first!, second!], tally);
    await adapters.store.finishShard(billId, 1, [first!], tally);
    const left: string[] = [];
    for await (const d of adapters.store.allDiscrepancies(billId, 1)) left.push(d.nik);
    expect(left).toEqual([first!.nik]);
  }, 30_000);
});
