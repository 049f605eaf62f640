import type { ImportStatus } from '../shared/api/roster-schemas';
import { type RosterApi, type UploadObserver, uploadRosterSource } from '../shared/documents/roster-file/roster-upload';
import { fileByteSource } from '../shared/documents/spreadsheets/file-byte-source';
import { FileFormatError } from '../shared/documents/spreadsheets/file-format-error';
import { callApi, type GlobalOptions } from './api-client';
import { CliError } from './cli-config';
import { requireInputFile } from './input-file';

export type { UploadObserver } from '../shared/documents/roster-file/roster-upload';

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

/**
 * Imports a roster file: checks the whole file first (so a broken file stores nothing), then
 * streams it to the API in numbered chunks of at most 1 MB, completes the import and follows the
 * workflow until it finishes. Memory stays flat: at most a few chunks are held at a time. The
 * steps are the console's too (shared/documents/roster-file/roster-upload.ts); here the file is on
 * disk and every call is retried.
 */
export async function uploadRoster(api: GlobalOptions, upload: RosterUpload, observer: UploadObserver): Promise<ImportStatus> {
  requireInputFile(upload.file, 'berkas roster (.csv atau .xlsx)');
  const call: RosterApi = (method, path, body) => callApi(api, method, path, body, { retry: true });
  const { file, resume, ...request } = upload;
  const source = await fileByteSource(file);
  try {
    return await uploadRosterSource(call, source, request, observer, { ...(resume ? { resume } : {}), stopped: uploadStopped });
  } catch (error) {
    if (error instanceof FileFormatError) throw new CliError(`${source.name} cannot be imported: ${error.message}`);
    throw error;
  } finally {
    await source.close();
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
