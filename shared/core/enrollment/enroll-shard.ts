import { forEachConcurrently } from '../../lib/for-each-concurrently';
import { isFunded } from '../budget/funded-by-allocation';
import { coveredByEntry } from '../budget/funded-this-year';
import type { RosterLedger } from '../roster/roster-ledger';
import type { RosterMember } from '../roster/roster-member';
import { maskPersonalData } from '../people/personal-data';
import { multiplyRupiah } from '../money/rupiah';
import { type Insurer, type Registration, type RegistrationResult, REJECTION_REASONS } from './insurer-port';
import type { EnrollmentEntry } from './enrollment-entry';
import type { EnrollmentLedger, Reservation } from './enrollment-ledger';
import { EMPTY_SHARD_TALLY, type PageOutcome, type PageTally, type ShardTally, addPage } from './page-tally';
import { registerWithRetries } from './register-with-retries';
import type { RunPlan } from './run-plan';

/**
 * People per page: one roster read, one money reservation, one batch of writes, and as many
 * insurer batches as the partner API needs (at most 100 people each). Larger pages mean fewer
 * reads and transactions per person; a page's insurer batches go one after the other.
 */
export const ENROLLMENT_PAGE_SIZE = 500;

export const BUDGET_EXHAUSTED = 'BUDGET_EXHAUSTED';

/** Why a run did not cover a person: the insurer's refusal, or the approved amount used up. Every one has a label in the console (web/src/reason-labels.ts). */
export const ENROLLMENT_FAILURE_REASONS = [...REJECTION_REASONS, BUDGET_EXHAUSTED] as const;

export type EnrollmentFailureReason = (typeof ENROLLMENT_FAILURE_REASONS)[number];

/** Pages of one shard enrolled side by side while the roster is read in order. */
export const PAGES_IN_FLIGHT = 3;
/** Live progress is written at most this often per shard (and always at the end). */
const PROGRESS_INTERVAL_MS = 1000;

export interface ShardDependencies {
  ledger: EnrollmentLedger;
  roster: Pick<RosterLedger, 'segmentPeople'>;
  insurer: Insurer;
  now: () => Date;
}

/**
 * Enrolls one NIK bucket of a run: the funded people of each segment, a page at a time in NIK order.
 * For each page it reads who is already covered, reserves the page's money against the approved
 * amount (a transaction that also stores who the page sends), registers them with the insurer in
 * batches whose idempotency keys follow from the page, writes each person's entry (KPJ and
 * coverage dates, or why not), and settles the page, giving back the money of the people refused.
 *
 * Safe to run again at any point, under the bucket's lease: a settled page is skipped, a reserved
 * one is resent exactly as before (same people, same key), and people already covered are never
 * sent or paid for twice.
 */
export async function enrollShard(plan: RunPlan, attempt: number, bucket: number, deps: ShardDependencies): Promise<ShardTally> {
  const { ledger } = deps;
  const { fresh } = await ledger.acquireBucket(plan.year, bucket, plan.runId);
  try {
    const reservations = await ledger.reservations(plan.runId, bucket);
    let tally = EMPTY_SHARD_TALLY;
    // Progress is reported per page (the pages finished since the last report), so that a re-run
    // of this shard adds to what an earlier run reported instead of counting again from zero.
    let unreported = new Map<string, PageOutcome>();
    let progressAt = Date.now();
    await forEachConcurrently(shardPages(plan, attempt, bucket, deps.roster), PAGES_IN_FLIGHT, async (page) => {
      const pageTally = await enrollPage(plan, page, reservations.get(page.pageId), fresh, deps);
      // Added after the await: pages finish in any order, and each adds to the latest total.
      tally = addPage(tally, page.segment, pageTally);
      unreported.set(page.pageId, { segment: page.segment, tally: pageTally });
      if (Date.now() - progressAt >= PROGRESS_INTERVAL_MS) {
        progressAt = Date.now();
        const reporting = unreported;
        unreported = new Map();
        await ledger.progress(plan.runId, bucket, attempt, reporting, false);
      }
    });
    await ledger.progress(plan.runId, bucket, attempt, unreported, true);
    return tally;
  } finally {
    await ledger.releaseBucket(plan.year, bucket, plan.runId);
  }
}

/** The bucket's funded people, segment by segment in priority order, a page at a time in NIK order. */
async function* shardPages(plan: RunPlan, attempt: number, bucket: number, roster: ShardDependencies['roster']): AsyncGenerator<Page> {
  for (const segment of plan.segments) {
    let after: string | undefined;
    for (let page = 0; ; page++) {
      const { people, more } = await roster.segmentPeople(plan.regulationId, plan.year, segment.segment, bucket, after, ENROLLMENT_PAGE_SIZE);
      const funded = people.filter((person) => isFunded(segment.allocation, person.nik));
      if (funded.length === 0) break;
      const pageId = `${segment.segment}#${String(page).padStart(5, '0')}`;
      yield { attempt, bucket, pageId, segment: segment.segment, perPerson: segment.perPerson, people: funded };
      // A segment's funded people come first in NIK order: past the first one left out, nobody is.
      if (!more || funded.length < people.length) break;
      after = people.at(-1)!.nik;
    }
  }
}

interface Page {
  attempt: number;
  bucket: number;
  pageId: string;
  segment: string;
  perPerson: number;
  people: readonly RosterMember[];
}

async function enrollPage(plan: RunPlan, page: Page, stored: Reservation | undefined, fresh: boolean, deps: ShardDependencies): Promise<PageTally> {
  if (stored?.status === 'settled' && (stored.attempt === page.attempt || stored.tally?.failed === 0)) return stored.tally!;

  // Entries are written only after their page is reserved, so in a bucket no other run ever
  // touched, a page without a reservation has none to read.
  const entries = fresh && !stored ? new Map<string, EnrollmentEntry>() : await deps.ledger.entries(plan.year, page.people.map((person) => person.nik));
  let reservation: Reservation;
  if (stored?.status === 'reserved') {
    // Interrupted after reserving: send exactly the same people under the same key.
    reservation = stored;
  } else {
    const pending = page.people.filter((person) => !coveredByEntry(entries.get(person.nik)));
    if (pending.length === 0) return tallyOf(plan, page, entries);
    reservation = {
      runId: plan.runId,
      bucket: page.bucket,
      pageId: page.pageId,
      attempt: page.attempt,
      niks: pending.map((person) => person.nik),
      amount: multiplyRupiah(pending.length, page.perPerson),
      status: 'reserved',
    };
    if ((await deps.ledger.reserve(plan.proposalId, plan.approvedAmount, reservation)) === 'over-budget') {
      const unfunded = pending.map((person) => failedEntry(plan, page, person, BUDGET_EXHAUSTED, 'The approved amount is used up.', deps.now()));
      const tally = tallyOf(plan, page, withEntries(entries, unfunded));
      await deps.ledger.writeSettled(unfunded, { ...reservation, niks: [], amount: 0 }, tally);
      return tally;
    }
  }

  const byNik = new Map(page.people.map((person) => [person.nik, person]));
  const sent = reservation.niks.map((nik) => {
    const person = byNik.get(nik);
    if (!person) {
      throw new Error(
        `Run ${plan.runId}: page ${page.pageId} of NIK bucket ${page.bucket} no longer holds a person it reserved: the roster changed while the run was interrupted. Propose the budget again.`,
      );
    }
    return person;
  });
  // The same people in the same batches under the same keys every time the page is sent.
  const results: RegistrationResult[] = [];
  for (let start = 0, batch = 0; start < sent.length; start += deps.insurer.maxBatchSize, batch++) {
    const people = sent.slice(start, start + deps.insurer.maxBatchSize);
    results.push(
      ...(await registerWithRetries(deps.insurer, {
        wadahCode: plan.wadahCode,
        collectiveAccount: plan.collectiveAccount,
        idempotencyKey: `${plan.runId}:${page.bucket}:${page.pageId}:a${reservation.attempt}:${batch}`,
        people: people.map((person) => registration(plan, page.segment, person)),
      })),
    );
  }

  const now = deps.now();
  const written = results.map((result, i) => entryOf(plan, page, sent[i]!, result, now));
  const tally = tallyOf(plan, page, withEntries(entries, written));
  const settled = { ...reservation, attempt: page.attempt };
  const refused = written.filter((entry) => entry.status === 'failed').length;
  if (refused === 0) {
    // The common case: nothing to give back, so the page is settled in the same batch as its entries.
    await deps.ledger.writeSettled(written, settled, tally);
  } else {
    await deps.ledger.write(written);
    await deps.ledger.settle(plan.proposalId, settled, tally, multiplyRupiah(refused, page.perPerson));
  }
  return tally;
}

/**
 * Where the page's people stand once it is done, from each person's entry: covered by this run,
 * refused (or over budget) in this run, or covered by another run. Counted from the entries, not
 * from what this attempt sent, so a resumed page counts nobody twice.
 */
function tallyOf(plan: RunPlan, page: Page, entries: ReadonlyMap<string, EnrollmentEntry>): PageTally {
  let enrolled = 0;
  let skipped = 0;
  const failureReasons: Record<string, number> = {};
  for (const person of page.people) {
    const entry = entries.get(person.nik);
    if (entry?.status === 'enrolled') {
      if (entry.runId === plan.runId) enrolled++;
      else skipped++;
    } else if (entry?.status === 'failed' && entry.runId === plan.runId) {
      failureReasons[entry.reason!] = (failureReasons[entry.reason!] ?? 0) + 1;
    }
  }
  const failed = Object.values(failureReasons).reduce((sum, n) => sum + n, 0);
  return { enrolled, skipped, failed, failureReasons };
}

function withEntries(entries: ReadonlyMap<string, EnrollmentEntry>, written: readonly EnrollmentEntry[]): Map<string, EnrollmentEntry> {
  const merged = new Map(entries);
  for (const entry of written) merged.set(entry.nik, entry);
  return merged;
}

function registration(plan: RunPlan, segment: string, person: RosterMember): Registration {
  return {
    nik: person.nik,
    name: person.name,
    birthDate: person.birthDate,
    gender: person.gender,
    programs: [...plan.programs],
    coverageStart: plan.coverageStart,
    coverageEnd: plan.coverageEnd,
    segment,
  };
}

function entryOf(plan: RunPlan, page: Page, person: RosterMember, result: RegistrationResult, now: Date): EnrollmentEntry {
  if (result.outcome === 'rejected') return failedEntry(plan, page, person, result.reason, result.message, now);
  return {
    ...entryBase(plan, page, person, now),
    status: 'enrolled',
    kpj: result.kpj,
    coverageStart: result.coverageStart,
    coverageEnd: result.coverageEnd,
  };
}

function failedEntry(plan: RunPlan, page: Page, person: RosterMember, reason: EnrollmentFailureReason, message: string, now: Date): EnrollmentEntry {
  return { ...entryBase(plan, page, person, now), status: 'failed', reason, message: maskPersonalData(message) };
}

function entryBase(plan: RunPlan, page: Page, person: RosterMember, now: Date) {
  return {
    nik: person.nik,
    year: plan.year,
    regulationId: plan.regulationId,
    proposalId: plan.proposalId,
    runId: plan.runId,
    attempt: page.attempt,
    segment: page.segment,
    name: person.name,
    programs: plan.programs,
    amount: page.perPerson,
    updatedAt: now.toISOString(),
  };
}
