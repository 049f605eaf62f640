import { sameIdentity } from './identity';
import type { RosterEntry } from './roster-entry';

export type DedupeOutcome =
  /** Store the candidate (new person, or an update of the same person in the same segment). */
  | { kind: 'accept'; replaces?: RosterEntry }
  /** Store the candidate and report the entry it displaces, from this same import. */
  | { kind: 'displace'; loser: RosterEntry; reason: 'DUPLICATE_IN_FILE' | 'DUPLICATE_LOWER_PRIORITY_SEGMENT' | 'IDENTITY_CONFLICT' }
  /** Keep the existing entry and report the candidate. */
  | {
      kind: 'reject';
      reason: 'DUPLICATE_IN_FILE' | 'DUPLICATE_LOWER_PRIORITY_SEGMENT' | 'COVERED_BY_OTHER_REGULATION' | 'IDENTITY_CONFLICT';
      kept: RosterEntry;
    }
  /** The same row of the same import was already stored (a re-run of a shard): nothing to do. */
  | { kind: 'already-stored' };

/**
 * Who keeps the NIK-and-year slot when a candidate meets an existing entry. The rules make the
 * result independent of the order rows are processed in, so shards can be re-run safely:
 * - another regulation already covers the person that year: the candidate is reported;
 * - an earlier import's entry with another name or birth date (identity.ts): the candidate is
 *   reported as IDENTITY_CONFLICT, unless the import was opened to update identities;
 * - same regulation, other segment: the higher-priority segment keeps the person;
 * - same import, same segment: the lower row number keeps the person (the other is a duplicate);
 * - an earlier import of the same segment: the candidate updates the entry (re-import upserts).
 * Two rows of one file with the same NIK but different identities are decided by the same
 * segment and row rules, and the one not kept is an IDENTITY_CONFLICT: a file cannot update
 * its own rows' identities, so `updateIdentities` does not apply to them.
 */
export function decideDuplicate(existing: RosterEntry | undefined, candidate: RosterEntry, updateIdentities = false): DedupeOutcome {
  if (!existing) return { kind: 'accept' };
  if (existing.regulationId !== candidate.regulationId) return { kind: 'reject', reason: 'COVERED_BY_OTHER_REGULATION', kept: existing };

  const sameImport = existing.importId === candidate.importId;
  if (sameImport && existing.row === candidate.row) return { kind: 'already-stored' };

  const otherIdentity = !sameIdentity(existing, candidate);
  // An entry of this import that replaced an earlier one (it has a previousSegment) holds the
  // earlier identity unless identities may be updated: a candidate differing from it differs
  // from the roster too, whichever of the two rows came first.
  const conflictsWithRoster = !sameImport || existing.previousSegment !== undefined;
  if (otherIdentity && conflictsWithRoster && !updateIdentities) return { kind: 'reject', reason: 'IDENTITY_CONFLICT', kept: existing };
  const inFileConflict = otherIdentity && sameImport;

  if (existing.segment !== candidate.segment) {
    const reason = inFileConflict ? 'IDENTITY_CONFLICT' : 'DUPLICATE_LOWER_PRIORITY_SEGMENT';
    if (candidate.priority < existing.priority) return { kind: 'displace', loser: existing, reason };
    return { kind: 'reject', reason, kept: existing };
  }
  if (!sameImport) return { kind: 'accept', replaces: existing };
  const reason = inFileConflict ? 'IDENTITY_CONFLICT' : 'DUPLICATE_IN_FILE';
  if (candidate.row < existing.row) return { kind: 'displace', loser: existing, reason };
  return { kind: 'reject', reason, kept: existing };
}
