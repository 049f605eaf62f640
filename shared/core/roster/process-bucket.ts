import type { IsoDate } from '../calendar/calendar';
import type { RegulationInput } from '../regulation/regulation';
import { checkRow } from './check-row';
import { decideDuplicate } from './dedupe-decision';
import { type OtherPayer, type OtherPayerLookup, otherPayerReason } from './other-payer';
import { regionName } from '../people/regions';
import { sameIdentity } from './identity';
import { identityUpdateEvent } from './identity-update-event';
import { SHARD_PAGE_ROWS } from './import-limits';
import type { RawRosterRow } from './raw-roster-row';
import type { RosterEntry } from './roster-entry';
import type { ImportStore } from './import-store';
import type { IdentityUpdate, RosterLedger } from './roster-ledger';
import { SeenNiks } from './seen-niks';
import type { StoredRejection } from './stored-rejection';
import {
  countAccepted,
  countPersonChanged,
  countReceived,
  countRejected,
  countRosterChange,
  countWarned,
  emptyCounts,
  NO_SEGMENT,
  type ShardCounts,
} from './shard-counts';

/** What a shard reads and writes: the roster, under the bucket's lease, and the import's own records. */
export interface ShardPorts {
  roster: Pick<RosterLedger, 'entries' | 'writeImported' | 'refreshBucketViews' | 'markBucketViewsStale'>;
  imports: Pick<ImportStore, 'writeNotices' | 'saveShardCounts'>;
  otherPayerOf: OtherPayerLookup;
}

export interface BucketContext {
  importId: string;
  bucket: number;
  regulation: RegulationInput;
  /** --segment of a one-file-per-segment import. */
  segment?: string;
  coverageStart: IsoDate;
  /** The import was opened with --update-identities (dedupe-decision.ts); `openedBy` asked for it. */
  updateIdentities: boolean;
  openedBy: string;
  now: Date;
  /**
   * No other import has ever written this bucket's entries for the year, so an entry can only
   * exist for a NIK this shard stored itself: reads are needed only for those (see SeenNiks).
   */
  fresh: boolean;
}

/**
 * Checks, deduplicates and stores the rows of one NIK bucket, a page at a time, so memory stays
 * flat however large the import. The shard holds the bucket's lease, so no one else writes these
 * NIKs meanwhile: reading the entries, deciding in memory and writing in batches is safe, and
 * far cheaper than one conditional write per person (docs/roster.md).
 */
export async function processBucket(rows: AsyncIterable<RawRosterRow>, ports: ShardPorts, context: BucketContext): Promise<ShardCounts> {
  const counts = emptyCounts();
  const priorities = new Map(context.regulation.segments.map((s) => [s.code, s.priority]));
  const year = Number(context.coverageStart.slice(0, 4));
  const seen = new SeenNiks();
  // Before the first write: a shard that stops part-way leaves the bucket read from its entries.
  await ports.roster.markBucketViewsStale(context.regulation.id, year, context.bucket);
  let page: RawRosterRow[] = [];
  const flush = async () => {
    await processPage(page, ports, context, { counts, priorities, year, seen });
    await ports.imports.saveShardCounts(context.importId, context.bucket, counts, false);
    page = [];
  };
  for await (const row of rows) {
    page.push(row);
    if (page.length >= SHARD_PAGE_ROWS) await flush();
  }
  if (page.length > 0) await flush();
  // Still under the lease: the bucket's ages and packed people, which simulations read, follow what was written.
  await ports.roster.refreshBucketViews(context.regulation.id, year, context.bucket);
  await ports.imports.saveShardCounts(context.importId, context.bucket, counts, true);
  return counts;
}

async function processPage(
  rows: readonly RawRosterRow[],
  ports: ShardPorts,
  context: BucketContext,
  state: { counts: ShardCounts; priorities: Map<string, number>; year: number; seen: SeenNiks },
): Promise<void> {
  const { counts, priorities, year, seen } = state;
  const rejections: StoredRejection[] = [];
  const warnings: StoredRejection[] = [];
  const candidates: RosterEntry[] = [];
  /** This page's rows by row number, so that a row losing to a duplicate is reported as it was written. */
  const asWritten = new Map(rows.map((row) => [row.row, row]));
  for (const row of rows) {
    const result = checkRow(row, {
      regulation: context.regulation,
      coverageStart: context.coverageStart,
      ...(context.segment ? { segmentCode: context.segment } : {}),
    });
    if (!result.ok) {
      const segment = result.segment ?? NO_SEGMENT;
      countReceived(counts, segment);
      for (const problem of result.problems) countRejected(counts, segment, problem.reason);
      rejections.push({ ...writtenAs(row), problems: result.problems });
      continue;
    }
    const { person } = result;
    countReceived(counts, person.segment);
    if (result.warnings) {
      // A warning is about the row as checked: should the row lose to a duplicate below, it
      // shows among the rejections too.
      countWarned(counts, person.segment, result.warnings);
      warnings.push({ ...writtenAs(row), problems: result.warnings });
    }
    candidates.push({
      ...person,
      year,
      regulationId: context.regulation.id,
      priority: priorities.get(person.segment) ?? Number.MAX_SAFE_INTEGER,
      importId: context.importId,
      updatedAt: context.now.toISOString(),
    });
  }

  const niks = new Set(candidates.map((c) => c.nik));
  const current = await ports.roster.entries(year, [...niks].filter((nik) => !context.fresh || seen.mightContain(nik)));
  /** What earlier imports left on the roster, to tell which winners change a person's identity. */
  const before = new Map([...current].filter(([, entry]) => entry.importId !== context.importId));
  const winners = new Map<string, RosterEntry>();
  const replaced: RosterEntry[] = [];
  for (const candidate of candidates) {
    const existing = current.get(candidate.nik);
    const outcome = decideDuplicate(existing, candidate, context.updateIdentities);
    // Roster changes are counted against the state before this import (`previousSegment`), so a
    // re-run that finds its own entries already stored counts exactly what the first run did.
    switch (outcome.kind) {
      case 'already-stored':
        countAccepted(counts, candidate.segment);
        countRosterChange(counts, existing!.segment, +1);
        countRosterChange(counts, existing!.previousSegment, -1);
        if (!existing!.sameAsBefore) countPersonChanged(counts, +1);
        break;
      case 'accept': {
        const replaces = outcome.replaces;
        const same = replaces !== undefined && isSameRow(replaces, candidate);
        if (replaces && !same) replaced.push(replaces);
        take({ ...candidate, ...(replaces ? { previousSegment: replaces.segment } : {}), ...(same ? { sameAsBefore: true } : {}) });
        break;
      }
      case 'displace': {
        const loser = outcome.loser;
        if (loser.importId === context.importId) {
          // A row of this same file loses: it becomes one of this import's rejections, and the
          // winner inherits what the roster held before the import.
          countAccepted(counts, loser.segment, -1);
          countRejected(counts, loser.segment, outcome.reason);
          countRosterChange(counts, loser.segment, -1);
          countRosterChange(counts, loser.previousSegment, +1);
          if (!loser.sameAsBefore) countPersonChanged(counts, -1);
          rejections.push(rejectionOf(loser, outcome.reason, candidate, context.importId, asWritten.get(loser.row)));
          // The roster's entry from before the import is gone: only a loser that was identical to
          // it tells whether the winner is too; otherwise the winner counts as a change.
          const same = loser.sameAsBefore === true && isSameRow(loser, candidate);
          take({
            ...candidate,
            ...(loser.previousSegment ? { previousSegment: loser.previousSegment } : {}),
            ...(same ? { sameAsBefore: true } : {}),
          });
        } else {
          // An earlier import's entry moves to a higher-priority segment; its history keeps the old one.
          replaced.push(loser);
          take({ ...candidate, previousSegment: loser.segment });
        }
        break;
      }
      case 'reject':
        if (outcome.reason === 'COVERED_BY_OTHER_REGULATION') {
          const reason = otherPayerReason(context.regulation);
          countRejected(counts, candidate.segment, reason);
          rejections.push(otherPayerRejection(candidate, reason, await ports.otherPayerOf(outcome.kept.regulationId), asWritten.get(candidate.row)));
          break;
        }
        countRejected(counts, candidate.segment, outcome.reason);
        rejections.push(rejectionOf(candidate, outcome.reason, outcome.kept, context.importId, asWritten.get(candidate.row)));
        break;
    }
  }
  // Only an import opened with --update-identities gets here with another identity: each such
  // change is stored with its audit event (old and new), apart from the batch.
  const identityUpdates: IdentityUpdate[] = [];
  for (const winner of winners.values()) {
    const old = before.get(winner.nik);
    if (old && !sameIdentity(old, winner)) identityUpdates.push({ entry: winner, replaced: old, event: identityUpdateEvent(old, winner, context) });
  }
  const updated = new Set(identityUpdates.map((update) => update.entry.nik));
  await ports.roster.writeImported({
    importId: context.importId,
    entries: [...winners.values()].filter((entry) => !updated.has(entry.nik)),
    replaced: replaced.filter((entry) => !updated.has(entry.nik)),
    identityUpdates,
  });
  await ports.imports.writeNotices(context.importId, { rejections, warnings });

  function take(winner: RosterEntry): void {
    countAccepted(counts, winner.segment);
    countRosterChange(counts, winner.segment, +1);
    countRosterChange(counts, winner.previousSegment, -1);
    if (!winner.sameAsBefore) countPersonChanged(counts, +1);
    winners.set(winner.nik, winner);
    current.set(winner.nik, winner);
    seen.add(winner.nik);
  }
}

/** A re-import of the very same data is not a change: worth no history record, nor a new roster version. */
function isSameRow(a: RosterEntry, b: RosterEntry): boolean {
  const fields = ['segment', 'name', 'birthDate', 'gender', 'address', 'kelurahan', 'kecamatan', 'phone'] as const;
  return fields.every((field) => a[field] === b[field]);
}

/** A row's values and, when the client sent them, its cells as the office wrote them (raw-roster-row.ts). */
function writtenAs(row: RawRosterRow): Omit<StoredRejection, 'problems'> {
  return { row: row.row, values: row.values, ...(row.cells ? { cells: row.cells } : {}), ...(row.dateCells ? { dateCells: row.dateCells } : {}) };
}

/**
 * The row as the office wrote it when it is at hand (a row of this page), else as the roster
 * entry holds it: a row that lost to a duplicate on a later page of the shard is gone by then.
 */
function reported(entry: RosterEntry, written: RawRosterRow | undefined): Omit<StoredRejection, 'problems'> {
  return written ? writtenAs(written) : { row: entry.row, values: rowValues(entry) };
}

/**
 * The rejection of a row that lost its NIK to `kept`, naming it. An identity conflict names the
 * kept person too, and the earlier import that wrote them: the office must tell the two apart.
 */
function rejectionOf(entry: RosterEntry, reason: string, kept: RosterEntry, importId: string, written: RawRosterRow | undefined): StoredRejection {
  const identity =
    reason === 'IDENTITY_CONFLICT'
      ? { keptName: kept.name, keptBirthDate: kept.birthDate, ...(kept.importId !== importId ? { keptImport: kept.importId } : {}) }
      : {};
  return {
    ...reported(entry, written),
    problems: [{ reason, field: 'nik', params: { keptRow: kept.row, keptSegment: kept.segment, keptRegulation: kept.regulationId, ...identity } }],
  };
}

/**
 * The rejection of a row another payer's roster holds: it names that payer by region and
 * regulation type only (other-payer.ts), never their roster's row, segment or regulation.
 */
function otherPayerRejection(entry: RosterEntry, reason: string, payer: OtherPayer | undefined, written: RawRosterRow | undefined): StoredRejection {
  const params = payer
    ? { otherRegion: payer.region, ...(regionName(payer.region) ? { otherRegionName: regionName(payer.region)! } : {}), otherType: payer.regulationType }
    : { otherRegion: '?', otherType: '?' };
  return { ...reported(entry, written), problems: [{ reason, field: 'nik', params }] };
}

/** The row's values as the roster entry holds them (dates ISO), when the row itself is gone. */
function rowValues(entry: RosterEntry): StoredRejection['values'] {
  return {
    nik: entry.nik,
    name: entry.name,
    birthDate: entry.birthDate,
    gender: entry.gender,
    segment: entry.segment,
    ...(entry.address ? { address: entry.address } : {}),
    ...(entry.kelurahan ? { kelurahan: entry.kelurahan } : {}),
    ...(entry.kecamatan ? { kecamatan: entry.kecamatan } : {}),
    ...(entry.phone ? { phone: entry.phone } : {}),
  };
}
