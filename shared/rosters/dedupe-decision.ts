import type { RosterEntry } from './roster-entry';

export type DedupeOutcome =
  /** Store the candidate (new person, or an update of the same person in the same segment). */
  | { kind: 'accept'; replaces?: RosterEntry }
  /** Store the candidate and report the entry it displaces, from this same import. */
  | { kind: 'displace'; loser: RosterEntry; reason: 'DUPLICATE_IN_FILE' | 'DUPLICATE_LOWER_PRIORITY_SEGMENT' }
  /** Keep the existing entry and report the candidate. */
  | { kind: 'reject'; reason: 'DUPLICATE_IN_FILE' | 'DUPLICATE_LOWER_PRIORITY_SEGMENT' | 'COVERED_BY_OTHER_REGULATION'; keptRow?: number; keptSegment: string; keptRegulation: string }
  /** The same row of the same import was already stored (a re-run of a shard): nothing to do. */
  | { kind: 'already-stored' };

/**
 * Who keeps the NIK-and-year slot when a candidate meets an existing entry. The rules make the
 * result independent of the order rows are processed in, so shards can be re-run safely:
 * - another regulation already covers the person that year: the candidate is reported;
 * - same regulation, other segment: the higher-priority segment keeps the person;
 * - same import, same segment: the lower row number keeps the person (the other is a duplicate);
 * - an earlier import of the same segment: the candidate updates the entry (re-import upserts).
 */
export function decideDuplicate(existing: RosterEntry | undefined, candidate: RosterEntry): DedupeOutcome {
  if (!existing) return { kind: 'accept' };
  const kept = { keptRow: existing.row, keptSegment: existing.segment, keptRegulation: existing.regulationId };
  if (existing.regulationId !== candidate.regulationId) return { kind: 'reject', reason: 'COVERED_BY_OTHER_REGULATION', ...kept };

  const sameImport = existing.importId === candidate.importId;
  if (sameImport && existing.row === candidate.row) return { kind: 'already-stored' };

  if (existing.segment !== candidate.segment) {
    if (candidate.priority < existing.priority) return { kind: 'displace', loser: existing, reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT' };
    return { kind: 'reject', reason: 'DUPLICATE_LOWER_PRIORITY_SEGMENT', ...kept };
  }
  if (!sameImport) return { kind: 'accept', replaces: existing };
  if (candidate.row < existing.row) return { kind: 'displace', loser: existing, reason: 'DUPLICATE_IN_FILE' };
  return { kind: 'reject', reason: 'DUPLICATE_IN_FILE', ...kept };
}
