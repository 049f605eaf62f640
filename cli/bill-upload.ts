import path from 'node:path';
import type { Writable } from 'node:stream';
import type { BillChunkResult, Discrepancy, InsurerBill } from '../shared/api/remittance-schemas';
import { formatRupiah } from '../shared/core/money/rupiah';
import type { BillLine } from '../shared/core/remittance/insurer-bill';
import { checkInsurerBill, readInsurerBill } from '../shared/documents/remittance/insurer-bill-file';
import { writeReconciliationReport } from '../shared/documents/remittance/reconciliation-report';
import type { CsvDelimiter } from '../shared/documents/spreadsheets/csv-delimiter';
import { type Chunk, RowChunker } from '../shared/documents/roster-file/row-chunker';
import { FileFormatError } from '../shared/documents/spreadsheets/file-format-error';
import type { z } from 'zod';
import { callApi, type GlobalOptions } from './api-client';
import { sendChunks } from './chunk-upload';
import { CliError } from './cli-config';
import { requireInputFile } from './input-file';
import { formatCount, t } from './messages';
import type { Progress } from './progress';

/*
 * The CLI's one door to the insurer's bill as a file (shared/documents/remittance/): reading and
 * checking it for `lindung remit import`, and writing the reconciliation report for
 * `lindung remit report`. Everything else of `lindung remit` talks to the API only.
 */

export interface BillUpload {
  regulationId: string;
  file: string;
}

export interface BillUploadObserver {
  phase(name: 'checking' | 'uploading', total: number): Progress;
  /** A line for the person at the terminal (what is happening, why a step is skipped). */
  note(text: string): void;
}

export interface BillUploadOutcome {
  bill: InsurerBill;
  /** The same file was imported before: the bill already open, shown as it is, nothing sent. */
  alreadyOpen: boolean;
}

/** The route's most lines in one chunk (BillChunkRequest); 1 MB of JSON usually closes a chunk first. */
const MAX_LINES_PER_CHUNK = 20_000;

/** Bill statuses a reconciliation workflow is still working on. */
const WORKING: readonly InsurerBill['status'][] = ['reconciling'];

/**
 * Imports an insurer's bill file: checks the whole file first (a file whose lines do not add up
 * to its own control figures is refused here, with the difference, and nothing is sent), opens
 * the bill with its header and digest, streams its lines in numbered chunks of at most 1 MB, a
 * few in flight, completes it and follows the reconciliation until it ends. The same file again
 * is the bill already open: shown, not sent again, unless its upload had stopped part-way.
 */
export async function uploadBill(api: GlobalOptions, upload: BillUpload, observer: BillUploadObserver): Promise<BillUploadOutcome> {
  const fileName = path.basename(upload.file);
  requireInputFile(upload.file, 'berkas tagihan (.csv atau .xlsx) yang dikirim kantor cabang BPJS');
  const check = await readingFile(fileName, () => checkInsurerBill(upload.file));
  observer.phase('checking', check.lines).stop();
  if (check.controlDifference) {
    const { count, amount } = check.controlDifference;
    throw new CliError(
      t('{file} ditolak dan tidak ada yang diunggah. Tagihan menyebut {people} dan {total}, tetapi barisnya berjumlah {lines} dan {amount} (selisih: {gapPeople}, {gapAmount}). Minta tagihan koreksi ke kantor cabang BPJS.', {
        file: fileName,
        people: peopleCount(check.header.controlCount),
        total: formatRupiah(check.header.controlTotal),
        lines: peopleCount(check.lines),
        amount: formatRupiah(check.total),
        gapPeople: `${count > 0 ? '+' : ''}${peopleCount(count)}`,
        gapAmount: `${amount > 0 ? '+' : ''}${formatRupiah(amount)}`,
      }),
      { header: check.header, lines: check.lines, total: check.total, controlDifference: check.controlDifference },
    );
  }

  const opened = await callApi<InsurerBill>(
    api,
    'POST',
    `/regulations/${encodeURIComponent(upload.regulationId)}/bills`,
    { header: check.header, fileName, fileDigest: check.digest },
    { retry: true },
  );
  if (opened.status !== 'receiving') {
    observer.note(t('{file} sudah pernah diimpor sebagai tagihan {bill} ({status}): tidak ada yang dikirim lagi.', { file: fileName, bill: opened.billId, status: opened.status }));
    return { bill: WORKING.includes(opened.status) ? await followBill(api, opened.billId) : opened, alreadyOpen: true };
  }
  if (opened.received.people > 0) {
    observer.note(
      t('Tagihan {bill} sudah menerima {received} dari {lines} baris: berkas dikirim lagi untuk menyelesaikannya.', {
        bill: opened.billId,
        received: formatCount(opened.received.people),
        lines: formatCount(check.lines),
      }),
    );
  }

  let chunks = 0;
  let sent: number;
  try {
    sent = await sendChunks(
      countingChunks(fileName, upload.file, () => (chunks += 1)),
      (chunk) => callApi<z.infer<typeof BillChunkResult>>(api, 'PUT', `/bills/${encodeURIComponent(opened.billId)}/chunks/${chunk.seq}`, { lines: chunk.rows }, { retry: true }),
      observer.phase('uploading', check.lines),
    );
  } catch (error) {
    throw uploadStopped(error, opened, upload);
  }
  if (sent !== check.lines) {
    throw new CliError(
      t('{file} berubah selama diunggah ({checked} baris saat diperiksa, {sent} saat dikirim). Impor lagi.', { file: fileName, checked: formatCount(check.lines), sent: formatCount(sent) }),
    );
  }

  await callApi<InsurerBill>(api, 'POST', `/bills/${encodeURIComponent(opened.billId)}/complete`, { chunks, lines: check.lines }, { retry: true });
  observer.note(t('Merekonsiliasi tagihan {bill} orang per orang dengan ledger…', { bill: opened.billId }));
  return { bill: await followBill(api, opened.billId), alreadyOpen: false };
}

/** Follows a bill while its reconciliation runs; returns it as it ends (reconciled, failed, …). */
export async function followBill(api: GlobalOptions, billId: string): Promise<InsurerBill> {
  for (;;) {
    const bill = await callApi<InsurerBill>(api, 'GET', `/bills/${encodeURIComponent(billId)}`, undefined, { retry: true });
    if (!WORKING.includes(bill.status)) return bill;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

/**
 * Writes the reconciliation report of a bill (.csv or .xlsx): its figures, then the
 * discrepancies as they stream in from the API, page by page.
 */
export async function writeBillReport(
  output: string | Writable,
  format: 'csv' | 'xlsx',
  bill: InsurerBill,
  discrepancies: AsyncIterable<Discrepancy>,
  delimiter?: CsvDelimiter,
): Promise<void> {
  await writeReconciliationReport(output, format, bill, discrepancies, delimiter);
}

/** The file's lines as numbered chunks, the same chunks on every read; counts them as they go. */
async function* countingChunks(fileName: string, file: string, counted: () => void): AsyncIterable<Chunk<BillLine>> {
  const bill = await readingFile(fileName, () => readInsurerBill(file));
  const chunker = new RowChunker<BillLine>({ maxRows: MAX_LINES_PER_CHUNK });
  const iterator = bill.lines[Symbol.asyncIterator]();
  for (;;) {
    const next = await readingFile(fileName, () => iterator.next());
    if (next.done) break;
    const full = chunker.add(next.value);
    if (full) {
      counted();
      yield full;
    }
  }
  const last = chunker.flush();
  if (last) {
    counted();
    yield last;
  }
}

/** A file that cannot be read is a message naming the row and field, not a stack trace. */
async function readingFile<T>(fileName: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof FileFormatError) throw new CliError(t('{file} tidak dapat diimpor: {problem}', { file: fileName, problem: error.message }), { problem: error.problem });
    throw error;
  }
}

/**
 * An upload that stops part-way (the API or the network failing past the retries) leaves the
 * bill receiving with the chunks it got: the same command sends the rest (the same file is the
 * same bill). Not when the API refused the lines themselves: its message says what to do.
 */
function uploadStopped(error: unknown, bill: InsurerBill, upload: BillUpload): unknown {
  if (!(error instanceof CliError)) return error;
  const details = error.details as { status?: number; problem?: string } | undefined;
  // The file itself (its problem), or the API refusing the lines (a 4xx): sending again would not help.
  if (details?.problem !== undefined || (details?.status !== undefined && details.status !== 429 && details.status < 500)) return error;
  return new CliError(
    `${error.message}\n` +
      t('Unggahan tagihan {bill} berhenti di tengah jalan; baris yang sudah diterima disimpan. Jalankan perintah yang sama lagi (npx lindung remit import --regulation {regulation} {file}) untuk mengirim sisanya.', {
        bill: bill.billId,
        regulation: upload.regulationId,
        file: upload.file,
      }),
    error.details,
  );
}

/** `1 person`, `-2 people`, `3.844 orang`: a count of people in this run's language (`remit` says it so too). */
export function peopleCount(n: number): string {
  return `${n < 0 ? '-' : ''}${t(Math.abs(n) === 1 ? '1 orang' : '{n} orang', { n: formatCount(Math.abs(n)) })}`;
}
