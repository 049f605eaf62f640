import path from 'node:path';
import type { z } from 'zod';
import type { MemberFileChunkResult } from '../shared/api/enrollment-schemas';
import type { MemberAnswer } from '../shared/core/enrollment/member-answer';
import { type MemberFileSummary, MemberFileError, checkMemberFile, readMemberFile } from '../shared/documents/enrollment-files/member-file';
import { type Chunk, RowChunker } from '../shared/documents/roster-file/row-chunker';
import { FileFormatError } from '../shared/documents/spreadsheets/file-format-error';
import { callApi, type GlobalOptions } from './api-client';
import { sendChunks } from './chunk-upload';
import { CliError } from './cli-config';
import { fileChannelProposal } from './file-channel-proposal';
import { requireInputFile } from './input-file';
import type { Progress } from './progress';

export interface MemberFileObserver {
  phase(name: 'checking' | 'uploading', total: number): Progress;
}

/**
 * Imports the BPJS branch's member file for a file-channel proposal: checks the whole file first
 * (so a broken file stores nothing), then sends its answers in numbered chunks of at most 1 MB.
 * Each answer replaces the person's earlier one, so sending the file again, or a corrected one,
 * is safe; every NIK is in the file once, so the chunks may arrive in any order.
 */
export async function uploadMemberFile(api: GlobalOptions, proposalId: string, file: string, observer: MemberFileObserver): Promise<MemberFileSummary> {
  requireInputFile(file, 'berkas peserta dari kantor cabang BPJS (.csv atau .xlsx)');
  await fileChannelProposal(api, proposalId);
  const checked = await checkFile(file);
  observer.phase('checking', checked.answers).stop();

  const stored = { answers: 0, registered: 0, refused: 0 };
  try {
    await sendChunks(
      chunksOf(file),
      async (chunk) => {
        const result = await callApi<z.infer<typeof MemberFileChunkResult>>(
          api,
          'PUT',
          `/proposals/${encodeURIComponent(proposalId)}/member-file/chunks/${chunk.seq}`,
          { rows: chunk.rows },
          { retry: true },
        );
        stored.answers += result.answers;
        stored.registered += result.registered;
        stored.refused += result.refused;
      },
      observer.phase('uploading', checked.answers),
    );
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new CliError(`${error.message}\nThe upload stopped part-way; the answers sent are kept. Run the same command again to send the whole file: answers sent twice are stored once.`, error.details);
  }
  return stored;
}

async function checkFile(file: string): Promise<MemberFileSummary> {
  try {
    return await checkMemberFile(file);
  } catch (error) {
    if (error instanceof FileFormatError || error instanceof MemberFileError) throw new CliError(`${path.basename(file)} cannot be imported: ${error.message}`);
    throw error;
  }
}

/** The file's answers as numbered chunks of at most 1 MB of JSON, the same chunks on every read. */
async function* chunksOf(file: string): AsyncIterable<Chunk<MemberAnswer>> {
  const chunker = new RowChunker<MemberAnswer>();
  for await (const read of readMemberFile(file)) {
    if ('problems' in read) throw new CliError(`${path.basename(file)} changed while it was being sent (row ${read.row}): import it again.`);
    const full = chunker.add(read.answer);
    if (full) yield full;
  }
  const last = chunker.flush();
  if (last) yield last;
}
