import type { z } from 'zod';
import type { ImportStatus, UploadChunkResult } from '../../api/roster-schemas';
import type { RawRosterRow } from '../../core/roster/raw-roster-row';
import { fileColumns } from '../rejection-report';
import type { ByteSource } from '../spreadsheets/byte-source';
import { FileFormatError } from '../spreadsheets/file-format-error';
import { readRosterSource } from './read-roster-source';
import type { RosterHeader } from './roster-header';
import { type RosterChunk, RowChunker } from './row-chunker';
import { sendChunks, type UploadProgress } from './send-chunks';

/**
 * A roster import through the API's chunked routes, as `lindung roster import` and the console
 * both make it: check the whole file first (so a broken file stores nothing), open the import,
 * send the rows in numbered chunks of at most 1 MB, complete it, and follow its workflow until it
 * has checked and stored them. Nothing here knows where it runs: the caller gives the API
 * (`RosterApi`: the CLI's client with retries, or the console's), the file (a ByteSource) and how
 * to show progress.
 */

/** One call of the Lindung API: the JSON answer, or a thrown error. */
export type RosterApi = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<T>;

export interface UploadObserver {
  phase(name: 'checking' | 'uploading' | 'processing', total: number): UploadProgress;
  /** The row taken as the file's header, once the file has been checked. */
  header?(header: RosterHeader): void;
  /** Rows read so far while the file is checked (before the number to expect is known). */
  checking?(rows: number): void;
}

/** What the check of a whole file found: what the upload will send. */
export interface CheckedRoster {
  readonly rows: number;
  readonly chunks: number;
  /** The header's titles, sent with the import so that its rejection report has the file's columns. */
  readonly columns: string[];
  readonly header?: RosterHeader;
}

/** The import to open: its regulation and what goes with its rows. */
export interface ImportRequest {
  readonly regulationId: string;
  readonly fileName: string;
  readonly coverageStart: string;
  readonly segment?: string;
  /** Let rows replace the name or birth date of people already on the roster (audited). */
  readonly updateIdentities?: boolean;
  readonly columns?: readonly string[];
}

export interface SendOptions {
  /** Continue this import, whose upload was interrupted: chunks it already has are skipped by the API. */
  readonly resume?: string;
  /** What to throw when sending the chunks fails part-way (by default, the error itself). */
  readonly stopped?: (error: unknown, importId: string) => unknown;
}

/** Checks a roster file, then imports it: see the top of this file. Throws FileFormatError for a file that cannot be imported. */
export async function uploadRosterSource(
  api: RosterApi,
  source: ByteSource,
  request: Omit<ImportRequest, 'fileName' | 'columns'>,
  observer: UploadObserver,
  options: SendOptions = {},
): Promise<ImportStatus> {
  const checked = await checkRosterSource(source, observer);
  return sendRosterImport(api, { ...request, fileName: source.name, columns: checked.columns }, () => rosterChunks(source), checked, observer, options);
}

/** Reads the whole file once: format, header and row count, before anything is stored. */
export async function checkRosterSource(source: ByteSource, observer: Pick<UploadObserver, 'phase' | 'header' | 'checking'>): Promise<CheckedRoster> {
  let rows = 0;
  let chunks = 0;
  let header: RosterHeader | undefined;
  for await (const chunk of rosterChunks(source, (found) => (header = found))) {
    rows += chunk.rows.length;
    chunks += 1;
    observer.checking?.(rows);
  }
  if (rows === 0) throw new FileFormatError('EMPTY_FILE', `${source.name} has a header but no rows.`);
  if (header) observer.header?.(header);
  observer.phase('checking', rows).stop();
  return { rows, chunks, columns: header ? fileColumns(header.row) : [], ...(header ? { header } : {}) };
}

/**
 * Opens the import (or takes up `resume`), sends `chunks` (read afresh: the same chunks as
 * counted in `totals`), completes it, and follows it until its workflow has finished.
 */
export async function sendRosterImport(
  api: RosterApi,
  request: ImportRequest,
  chunks: () => AsyncIterable<RosterChunk>,
  totals: { readonly rows: number; readonly chunks: number },
  observer: Pick<UploadObserver, 'phase'>,
  options: SendOptions = {},
): Promise<ImportStatus> {
  const created = options.resume
    ? await api<ImportStatus>('GET', `/imports/${encodeURIComponent(options.resume)}`)
    : await api<ImportStatus>('POST', `/regulations/${encodeURIComponent(request.regulationId)}/imports`, {
        fileName: request.fileName.slice(0, 255),
        coverageStart: request.coverageStart,
        ...(request.segment ? { segment: request.segment } : {}),
        ...(request.updateIdentities ? { updateIdentities: true } : {}),
        ...(request.columns ? { columns: request.columns } : {}),
        clientToken: crypto.randomUUID(),
      });
  const path = `/imports/${encodeURIComponent(created.importId)}`;

  if (created.status === 'receiving') {
    try {
      await sendChunks(
        chunks(),
        (chunk) => api<z.infer<typeof UploadChunkResult>>('PUT', `${path}/chunks/${chunk.seq}`, { rows: chunk.rows }),
        observer.phase('uploading', totals.rows),
      );
    } catch (error) {
      throw options.stopped ? options.stopped(error, created.importId) : error;
    }
  }
  if (created.status === 'receiving' || created.status === 'failed') {
    // Completing a failed import starts its workflow again; what was stored stays stored.
    await api<ImportStatus>('POST', `${path}/complete`, { chunks: totals.chunks, rows: totals.rows });
  }

  const processing = observer.phase('processing', totals.rows);
  for (;;) {
    const status = await api<ImportStatus>('GET', path);
    processing.update(status.processed, status.rowsExpected ?? totals.rows);
    if (status.status === 'completed' || status.status === 'failed') {
      processing.stop();
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * A file's rows as numbered chunks of at most 1 MB of JSON, the same chunks on every read; each
 * row carries its cells as written, for the rejection report (read-roster-source.ts).
 */
export function rosterChunks(source: ByteSource, onHeader?: (header: RosterHeader) => void): AsyncIterable<RosterChunk> {
  return chunked(readRosterSource(source, onHeader));
}

/** Rows (from a file, or fixed in the console) as numbered chunks, in order. */
export async function* chunked(rows: Iterable<RawRosterRow> | AsyncIterable<RawRosterRow>): AsyncGenerator<RosterChunk> {
  const chunker = new RowChunker();
  for await (const row of rows) {
    const full = chunker.add(row);
    if (full) yield full;
  }
  const last = chunker.flush();
  if (last) yield last;
}
