import { createHash } from 'node:crypto';
import { ConflictError } from '../errors';
import type { ImportStore } from './import-store';
import type { RawRosterRow } from './raw-roster-row';
import { requireImport } from './require-import';

/**
 * Receives one chunk of an import's rows. Chunks are numbered by the client, so a chunk sent
 * twice (a retry after a timeout) is recognised by its number and content and stored once.
 */
export async function uploadChunk(store: ImportStore, importId: string, seq: number, rows: readonly RawRosterRow[]) {
  const record = requireImport(await store.get(importId), importId);
  if (record.status !== 'receiving') {
    throw new ConflictError(`Import ${importId} is ${record.status} and takes no more rows. Start a new import to send the file again.`);
  }
  const sha256 = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  const { alreadyReceived } = await store.putChunk(importId, seq, rows, sha256);
  return { seq, rows: rows.length, alreadyReceived };
}
