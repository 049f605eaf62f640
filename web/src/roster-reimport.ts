import type { ImportStatus } from '../../shared/api/roster-schemas';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { chunked, sendRosterImport } from '../../shared/documents/roster-file/roster-upload';
import type { RosterChunk } from '../../shared/documents/roster-file/row-chunker';
import { consoleRosterApi } from './roster-upload';

/** Progress the page does not show: re-imported rows are few. */
const UNSHOWN = { phase: () => ({ update: () => undefined, stop: () => undefined }) };

/**
 * Imports rows fixed in the console as a new import of the same regulation, coverage start and
 * segment, through the same routes, chunks and steps as `npx lindung roster import` and the
 * console's file upload (shared/documents/roster-file/roster-upload.ts): open the import, send the
 * chunks, complete it, and follow it until its workflow has checked and stored the rows.
 */
export async function reimportRows(source: ImportStatus, rows: readonly RawRosterRow[]): Promise<ImportStatus> {
  const chunks: RosterChunk[] = [];
  for await (const chunk of chunked(rows)) chunks.push(chunk);
  return sendRosterImport(
    consoleRosterApi,
    {
      regulationId: source.regulationId,
      fileName: `${source.fileName} (perbaikan ${source.importId})`,
      coverageStart: source.coverageStart,
      ...(source.segment ? { segment: source.segment } : {}),
    },
    async function* () {
      yield* chunks;
    },
    { rows: rows.length, chunks: chunks.length },
    UNSHOWN,
  );
}
