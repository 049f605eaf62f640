import type { RawRosterRow } from '../../core/roster/raw-roster-row';
import { fileByteSource } from '../spreadsheets/file-byte-source';
import { readRosterSource } from './read-roster-source';
import type { RosterHeader } from './roster-header';

/**
 * Streams the people of a roster spreadsheet on disk: readRosterSource (read-roster-source.ts) on
 * the file, which is closed when the rows end, fail or are left early.
 */
export async function* readRosterFile(filePath: string, onHeader?: (header: RosterHeader) => void): AsyncGenerator<RawRosterRow> {
  const source = await fileByteSource(filePath);
  try {
    yield* readRosterSource(source, onHeader);
  } finally {
    await source.close();
  }
}
