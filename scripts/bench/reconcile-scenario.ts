import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SYSTEM_CALLER } from '../../shared/core/access/system-caller';
import { auditEvent } from '../../shared/core/audit/audit-event';
import type { ProposalRecord } from '../../shared/core/budget/proposal-record';
import type { EnrollmentEntry } from '../../shared/core/enrollment/enrollment-entry';
import type { BillLine } from '../../shared/core/remittance/insurer-bill';
import { forEachConcurrently } from '../../shared/lib/for-each-concurrently';
import { call } from './api-call';
import { startBenchStack } from './bench-stack';
import { freshTables } from './fresh-tables';
import { measureFloor } from './floor';
import { highestRunMemory, type PairTiming, summarizePairs } from './pairs';
import { measuredPhase } from './measured-phase';
import { peakRssMb, peakRssMbOf } from './peak-memory';

const MONTH = '2027-01';
const PREMIUM = 16_800;
/** A chunk closes before its lines pass this many bytes of JSON, under the route's 1 MB. */
const CHUNK_BYTES = 900_000;
const CHUNKS_IN_FLIGHT = 3;
/** The discrepancies planted in every bill: one of each kind the ledger alone can show. */
const PLANTED = { 'amount-differs': 1, 'billed-twice': 1, 'not-enrolled': 1, 'not-billed': 1 };

/** A person of the benchmark: a 16-digit NIK no other bench uses (district 99 of 3674). */
const nikOf = (i: number) => `367499${String(i).padStart(10, '0')}`;

/**
 * `npm run bench -- reconcile --people N [--pairs P]`: P times over (3 by default), on fresh
 * tables each time: N people enrolled on the ledger (written as an enrollment run leaves them, to
 * spare the benchmark an hour of enrolling a million), the raw floor (one bill-line-sized item per
 * person, as the other benches' floors), then the insurer's January bill for them imported and
 * reconciled through the API and the Reconciliation workflow exactly as `lindung remit import`
 * does: open, chunks of 1 MB, complete, until reconciled. The bill carries one planted discrepancy
 * of four kinds, which the reconciliation must find. Reports the median ratio to the floor with
 * its spread, and the process's memory before and during the reconciliation.
 */
export async function reconcileScenario(people: number, log: (line: string) => void, options: { pairs?: number } = {}) {
  const pairCount = options.pairs ?? 3;
  const { stack, dynamoDbLocalPid: javaPid, stop } = await startBenchStack('reconcile');
  try {
    // The adapters of this process write the seeded ledger into the stack's tables.
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbEndpoint, MAIN_TABLE: stack.tableName('DataMain'), AUDIT_TABLE: stack.tableName('DataAudit') });
    const [{ DynamoDbEnrollmentLedger }, { DynamoDbProposalStore }] = await Promise.all([
      import('../../shared/adapters/dynamodb/dynamodb-enrollment-ledger'),
      import('../../shared/adapters/dynamodb/dynamodb-proposal-store'),
    ]);
    const ledger = new DynamoDbEnrollmentLedger();
    const proposals = new DynamoDbProposalStore();
    const admin = await stack.token('bench-admin', ['admin'], '3674');
    const finance = await stack.token('bench-finance', ['finance'], '3674');
    const example = parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8'));
    const sample = { kpj: '10000000001', nik: nikOf(1), name: 'Siti Rahayu', segment: 'KETUA_RT', month: MONTH, amount: PREMIUM, line: 123456 };

    const timings: (PairTiming & { rssBeforeMb: number; peakRssMb: number })[] = [];
    let floorConcurrency: number | undefined;
    let found: Record<string, number> | undefined;
    const processes = { lindung: process.pid, dynamoDbLocal: javaPid };
    const cpu: { floor: Record<string, number>; run: Record<string, number> }[] = [];
    for (let pair = 1; pair <= pairCount; pair++) {
      log(`pair ${pair} of ${pairCount}`);
      if (pair > 1) await freshTables(stack);
      const regulationId = `bench-remit-p${pair}`;
      await call(stack.apiUrl, admin, 'PUT', `/regulations/${regulationId}`, { ...example, id: regulationId });
      await seedLedger({ ledger, proposals, regulationId, people, log });

      log('floor: BatchWriteItem, one bill-line-sized item per person');
      const floor = await measuredPhase(processes, () =>
        measureFloor({
          dynamoDbEndpoint: stack.dynamoDbEndpoint,
          table: stack.tableName('DataMain'),
          people,
          item: (i) => ({ ...sample, pk: `FLOOR#${i}`, sk: 'LINE' }),
          log,
          ...(floorConcurrency ? { concurrency: floorConcurrency } : {}),
        }),
      );
      floorConcurrency = floor.result.concurrency;

      log('reconcile: open, upload chunks, complete, workflow');
      const run = await measuredPhase(processes, () => importBill(stack.apiUrl, finance, regulationId, people, log));
      cpu.push({ floor: floor.cpuSeconds, run: run.cpuSeconds });
      found = run.result.reconciliation.discrepancies;
      for (const [kind, count] of Object.entries(PLANTED)) {
        if (found![kind] !== count) throw new Error(`the reconciliation found ${JSON.stringify(found)}, not the planted ${JSON.stringify(PLANTED)}`);
      }
      log(`pair ${pair}: floor ${floor.result.seconds.toFixed(1)} s, reconcile ${run.seconds.toFixed(1)} s, ratio ${(run.seconds / floor.result.seconds).toFixed(2)}, memory ${run.rssBeforeMb} → ${run.peakRssMb} MB`);
      timings.push({ floorSeconds: floor.result.seconds, seconds: run.seconds, rssBeforeMb: run.rssBeforeMb, peakRssMb: run.peakRssMb });
    }
    const summary = summarizePairs(timings);
    return {
      scenario: 'reconcile',
      people,
      seconds: summary.seconds,
      floorSeconds: summary.floorSeconds,
      ratio: summary.ratio,
      ratioMin: summary.ratioMin,
      ratioMax: summary.ratioMax,
      pairs: summary.pairs.map((p, i) => ({ ...p, rssBeforeRunMb: timings[i]!.rssBeforeMb, runPeakRssMb: timings[i]!.peakRssMb, cpuSeconds: cpu[i] })),
      peakRssMb: peakRssMb(),
      // The reconciliation's own memory: before → peak of the pair that peaked highest.
      ...highestRunMemory(timings),
      linesPerSecond: Math.round(people / summary.seconds),
      discrepancies: found,
      floorConcurrency,
      dynamoDbLocalPeakRssMb: peakRssMbOf(javaPid),
    };
  } finally {
    await stop();
  }
}

/** An approved proposal of 2027 and N people enrolled under it, as an enrollment run writes them. */
async function seedLedger(args: {
  ledger: { write(entries: readonly EnrollmentEntry[]): Promise<void> };
  proposals: { create(record: ProposalRecord, event: ReturnType<typeof auditEvent>): Promise<boolean> };
  regulationId: string;
  people: number;
  log: (line: string) => void;
}): Promise<void> {
  const proposalId = `prop-${args.regulationId}`;
  const months = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`);
  // Only what reconciliation reads of a proposal: its year and each segment's monthly premiums.
  const proposal = {
    proposalId,
    regulationId: args.regulationId,
    year: 2027,
    status: 'approved',
    requestedAt: '2026-11-01T00:00:00.000Z',
    segments: [{ segment: 'KETUA_RT', monthlyPremiums: months.map((month) => ({ month, premium: PREMIUM })) }],
  } as unknown as ProposalRecord;
  await args.proposals.create(proposal, auditEvent({ caller: SYSTEM_CALLER, at: new Date(), action: 'budget.proposed', entityType: 'regulation', entityId: args.regulationId, summary: `bench seed: ${proposalId}` }));
  const started = performance.now();
  const batches = Math.ceil(args.people / 1_000);
  await forEachConcurrently(Array.from({ length: batches }, (_, b) => b), 4, async (b) => {
    const entries: EnrollmentEntry[] = [];
    for (let i = b * 1_000; i < Math.min(args.people, (b + 1) * 1_000); i++) {
      entries.push({
        nik: nikOf(i), year: 2027, regulationId: args.regulationId, proposalId, runId: `run-${args.regulationId}`, attempt: 1, segment: 'KETUA_RT',
        name: `Warga ${i}`, programs: ['JKK', 'JKM'], status: 'enrolled', kpj: String(10_000_000_000 + i), coverageStart: '2027-01-01', coverageEnd: '2027-12-31',
        amount: 12 * PREMIUM, updatedAt: '2026-12-20T00:00:00.000Z',
      });
    }
    await args.ledger.write(entries);
  });
  args.log(`ledger: ${args.people} people enrolled in ${((performance.now() - started) / 1000).toFixed(1)} s (setup, not timed)`);
}

/** The insurer's January bill for everyone, with the planted discrepancies, imported as the CLI does. */
async function importBill(apiUrl: string, token: string, regulationId: string, people: number, log: (line: string) => void): Promise<any> {
  // Person 0 is missing (not billed), 1 billed a wrong amount, 2 billed twice, and a stranger billed.
  const lineOf = (n: number, i: number, amount = PREMIUM): BillLine => ({ line: n, kpj: String(10_000_000_000 + i), nik: nikOf(i), name: `Warga ${i}`, segment: 'KETUA_RT', month: MONTH, amount });
  function* lines(): Generator<BillLine> {
    let n = 0;
    yield lineOf(++n, 1, PREMIUM + 500);
    yield lineOf(++n, 2);
    yield lineOf(++n, 2);
    for (let i = 3; i < people; i++) yield lineOf(++n, i);
    yield lineOf(++n, people + 7);
  }
  const digest = createHash('sha256');
  let count = 0;
  let total = 0;
  for (const line of lines()) {
    digest.update(`${JSON.stringify(line)}\n`);
    count += 1;
    total += line.amount;
  }
  const header = { kodeIuran: '55500000001', month: MONTH, controlCount: count, controlTotal: total };
  const bill = await call(apiUrl, token, 'POST', `/regulations/${regulationId}/bills`, { header, fileName: 'tagihan.csv', fileDigest: digest.digest('hex') });
  function* chunks(): Generator<{ seq: number; lines: BillLine[] }> {
    let seq = 0;
    let chunk: BillLine[] = [];
    let bytes = 0;
    for (const line of lines()) {
      const size = JSON.stringify(line).length + 1;
      if (bytes + size > CHUNK_BYTES) {
        yield { seq: seq++, lines: chunk };
        chunk = [];
        bytes = 0;
      }
      chunk.push(line);
      bytes += size;
    }
    if (chunk.length > 0) yield { seq: seq++, lines: chunk };
  }
  let sent = 0;
  await forEachConcurrently(chunks(), CHUNKS_IN_FLIGHT, async (chunk) => {
    await call(apiUrl, token, 'PUT', `/bills/${bill.billId}/chunks/${chunk.seq}`, { lines: chunk.lines });
    sent += 1;
  });
  log(`  uploaded ${sent} chunks`);
  await call(apiUrl, token, 'POST', `/bills/${bill.billId}/complete`, { chunks: sent, lines: count });
  for (;;) {
    const status = await call(apiUrl, token, 'GET', `/bills/${bill.billId}`);
    if (status.status === 'reconciled') return status;
    if (status.status !== 'reconciling') throw new Error(`the bill ended ${status.status}: ${status.failure}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
