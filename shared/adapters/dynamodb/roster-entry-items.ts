import { nikBucket } from '../../core/people/nik-bucket';
import type { RosterEntry } from '../../core/roster/roster-entry';
import { rosterKeys } from './roster-keys';

/** A roster entry as stored: its key and the index keys that list it by regulation, year, bucket and segment. */
export function rosterEntryItem(entry: RosterEntry): Record<string, unknown> {
  return {
    ...rosterKeys.entry(entry.nik, entry.year),
    ...rosterKeys.entryIndex(entry.regulationId, entry.year, nikBucket(entry.nik), entry.segment, entry.nik),
    ...entry,
  };
}

/** A stored roster entry without its keys. */
export function rosterEntryOf(item: Record<string, unknown>): RosterEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...entry } = item;
  return entry as unknown as RosterEntry;
}
