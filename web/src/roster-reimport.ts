import type { z } from 'zod';
import type { ImportStatus, RejectedRow, RejectionsPage } from '../../shared/api/roster-schemas';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { withOwnCells } from '../../shared/documents/rejection-report';
import { chunked, sendRosterImport } from '../../shared/documents/roster-file/roster-upload';
import type { RosterChunk } from '../../shared/documents/roster-file/row-chunker';
import { apiGet } from './api-client';
import { consoleRosterApi } from './roster-upload';

/** Progress the page does not show: re-imported rows are few. */
const UNSHOWN = { phase: () => ({ update: () => undefined, stop: () => undefined }) };

/**
 * Imports rows fixed in the console as a new import of the same regulation, coverage start and
 * segment, through the same routes, chunks and steps as `npx lindung roster import` and the
 * console's file upload (shared/documents/roster-file/roster-upload.ts): open the import, send the
 * chunks, complete it, and follow it until its workflow has checked and stored the rows.
 *
 * Like the CLI, it sends the file's `columns` with the import and each row's own cells with the
 * row (the fixed values in their columns), so that a row rejected again comes back in the
 * office's file, RT/RW and all.
 */
export async function reimportRows(source: ImportStatus, rows: readonly RawRosterRow[]): Promise<ImportStatus> {
  const columns = source.columns;
  const sent = columns ? await withCellsOf(source.importId, columns, rows) : rows;
  const chunks: RosterChunk[] = [];
  for await (const chunk of chunked(sent)) chunks.push(chunk);
  return sendRosterImport(
    consoleRosterApi,
    {
      regulationId: source.regulationId,
      fileName: `${source.fileName} (perbaikan ${source.importId})`.slice(0, 255),
      coverageStart: source.coverageStart,
      ...(source.segment ? { segment: source.segment } : {}),
      ...(columns ? { columns } : {}),
    },
    async function* () {
      yield* chunks;
    },
    { rows: sent.length, chunks: chunks.length },
    UNSHOWN,
  );
}

/** The rows with the cells the source import kept of them, read from its rejected rows (until all are found). */
async function withCellsOf(importId: string, columns: readonly string[], rows: readonly RawRosterRow[]): Promise<RawRosterRow[]> {
  const wanted = new Set(rows.filter((row) => !row.cells).map((row) => row.row));
  const originals = new Map<number, RejectedRow>();
  let cursor: string | undefined;
  while (wanted.size > 0) {
    const page = await apiGet<z.infer<typeof RejectionsPage>>(`/imports/${encodeURIComponent(importId)}/rejections`, { kind: 'rejected', cursor });
    for (const rejected of page.rows) {
      if (wanted.delete(rejected.row)) originals.set(rejected.row, rejected);
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return rows.map((row) => {
    const original = originals.get(row.row);
    return original ? withOwnCells(row, columns, original) : row;
  });
}
