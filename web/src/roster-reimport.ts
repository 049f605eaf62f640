import type { ImportStatus } from '../../shared/api/roster-schemas';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { type RosterChunk, RowChunker } from '../../shared/documents/roster-file/row-chunker';
import { apiGet, apiSend } from './api-client';

/**
 * Imports rows fixed in the console as a new import of the same regulation, coverage start and
 * segment, through the same routes and chunks as `npx lindung roster import`: open the import,
 * send the chunks, complete it, and follow it until its workflow has checked and stored the rows.
 */
export async function reimportRows(source: ImportStatus, rows: readonly RawRosterRow[]): Promise<ImportStatus> {
  const created = await apiSend<ImportStatus>('POST', `/regulations/${encodeURIComponent(source.regulationId)}/imports`, {
    fileName: `${source.fileName} (perbaikan ${source.importId})`.slice(0, 255),
    coverageStart: source.coverageStart,
    ...(source.segment ? { segment: source.segment } : {}),
    clientToken: crypto.randomUUID(),
  });
  const path = `/imports/${encodeURIComponent(created.importId)}`;
  const chunker = new RowChunker();
  const chunks: RosterChunk[] = [];
  for (const row of rows) {
    const full = chunker.add(row);
    if (full) chunks.push(full);
  }
  const last = chunker.flush();
  if (last) chunks.push(last);
  for (const chunk of chunks) await apiSend('PUT', `${path}/chunks/${chunk.seq}`, { rows: chunk.rows });
  await apiSend('POST', `${path}/complete`, { chunks: chunks.length, rows: rows.length });
  for (;;) {
    const status = await apiGet<ImportStatus>(path);
    if (status.status === 'completed' || status.status === 'failed') return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
