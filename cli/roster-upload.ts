import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import type { ImportStatus, UploadChunkResult } from '../shared/api/roster-schemas';
import { readRosterFile } from '../shared/documents/roster-file/read-roster-file';
import type { RosterHeader } from '../shared/documents/roster-file/roster-header';
import { type RosterChunk, RowChunker } from '../shared/documents/roster-file/row-chunker';
import { fileColumns } from '../shared/documents/rejection-report';
import { FileFormatError } from '../shared/documents/spreadsheets/file-format-error';
import { callApi, type GlobalOptions } from './api-client';
import { sendChunks } from './chunk-upload';
import { CliError } from './cli-config';
import { requireInputFile } from './input-file';
import type { Progress } from './progress';

export interface RosterUpload {
  regulationId: string;
  file: string;
  coverageStart: string;
  segment?: string;
  /** Let rows replace the name or birth date of people already on the roster (audited). */
  updateIdentities?: boolean;
  /** Continue an import whose upload was interrupted: chunks it already has are skipped by the API. */
  resume?: string;
}

export interface UploadObserver {
  phase(name: 'checking' | 'uploading' | 'processing', total: number): Progress;
  /** The row taken as the file's header, once the file has been checked. */
  header?(header: RosterHeader): void;
}

/**
 * Imports a roster file: checks the whole file first (so a broken file stores nothing), then
 * streams it to the API in numbered chunks of at most 1 MB, completes the import and follows the
 * workflow until it finishes. Memory stays flat: at most a few chunks are held at a time.
 */
export async function uploadRoster(api: GlobalOptions, upload: RosterUpload, observer: UploadObserver): Promise<ImportStatus> {
  requireInputFile(upload.file, 'the roster file (.csv or .xlsx)');
  const { rows, chunks, columns } = await checkFile(upload.file, observer);

  const created = upload.resume
    ? await callApi<ImportStatus>(api, 'GET', `/imports/${upload.resume}`)
    : await callApi<ImportStatus>(
        api,
        'POST',
        `/regulations/${encodeURIComponent(upload.regulationId)}/imports`,
        {
          fileName: path.basename(upload.file),
          coverageStart: upload.coverageStart,
          ...(upload.segment ? { segment: upload.segment } : {}),
          ...(upload.updateIdentities ? { updateIdentities: true } : {}),
          columns,
          clientToken: randomUUID(),
        },
        { retry: true },
      );
  const importId = created.importId;

  if (created.status === 'receiving') {
    try {
      await sendChunks(
        chunksOf(upload.file),
        (chunk) => callApi<z.infer<typeof UploadChunkResult>>(api, 'PUT', `/imports/${importId}/chunks/${chunk.seq}`, { rows: chunk.rows }, { retry: true }),
        observer.phase('uploading', rows),
      );
    } catch (error) {
      throw uploadStopped(error, importId);
    }
  }
  if (created.status === 'receiving' || created.status === 'failed') {
    // Completing a failed import starts its workflow again; what was stored stays stored.
    await callApi<ImportStatus>(api, 'POST', `/imports/${importId}/complete`, { chunks, rows }, { retry: true });
  }

  const processing = observer.phase('processing', rows);
  for (;;) {
    const status = await callApi<ImportStatus>(api, 'GET', `/imports/${importId}`, undefined, { retry: true });
    processing.update(status.processed, status.rowsExpected ?? rows);
    if (status.status === 'completed' || status.status === 'failed') {
      processing.stop();
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * An upload that stops part-way (the API or the network failing past the retries) leaves the
 * import `receiving` with the chunks it got: say how to send the rest. Not when the API refused
 * the rows themselves (a conflict): its message says what to do, and resuming would not help.
 */
function uploadStopped(error: unknown, importId: string): unknown {
  if (!(error instanceof CliError) || (error.details as { error?: string } | undefined)?.error === 'CONFLICT') return error;
  return new CliError(
    `${error.message}\nThe upload of import ${importId} stopped part-way; the chunks it received are kept. ` +
      `Run the same command again with \`--resume ${importId}\` to send the rest.`,
    error.details,
  );
}

/** Reads the whole file once: format, header and row count, before anything is stored. */
async function checkFile(file: string, observer: UploadObserver): Promise<{ rows: number; chunks: number; columns: string[] }> {
  try {
    let rows = 0;
    let chunks = 0;
    let header: RosterHeader | undefined;
    for await (const chunk of chunksOf(file, (found) => (header = found))) {
      rows += chunk.rows.length;
      chunks += 1;
    }
    if (rows === 0) throw new FileFormatError('EMPTY_FILE', `${path.basename(file)} has a header but no rows.`);
    if (header) observer.header?.(header);
    observer.phase('checking', rows).stop();
    // The header's titles go with the import, so that its rejection report has the file's columns.
    return { rows, chunks, columns: header ? fileColumns(header.row) : [] };
  } catch (error) {
    if (error instanceof FileFormatError) throw new CliError(`${path.basename(file)} cannot be imported: ${error.message}`);
    throw error;
  }
}

/**
 * The file's rows as numbered chunks of at most 1 MB of JSON, the same chunks on every read; each
 * row carries its cells as written, for the rejection report (read-roster-file.ts).
 */
async function* chunksOf(file: string, onHeader?: (header: RosterHeader) => void): AsyncIterable<RosterChunk> {
  const chunker = new RowChunker();
  for await (const row of readRosterFile(file, onHeader)) {
    const full = chunker.add(row);
    if (full) yield full;
  }
  const last = chunker.flush();
  if (last) yield last;
}
