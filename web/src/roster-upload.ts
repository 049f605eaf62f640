import type { ImportStatus } from '../../shared/api/roster-schemas';
import type { Regulation } from '../../shared/core/regulation/regulation';
import type { RosterApi, UploadObserver } from '../../shared/documents/roster-file/roster-upload';
import { uploadRosterSource } from '../../shared/documents/roster-file/roster-upload';
import { blobByteSource } from '../../shared/documents/spreadsheets/byte-source';
import { FileFormatError, type FileFormatProblem } from '../../shared/documents/spreadsheets/file-format-error';
import { apiGet, apiSend } from './api-client';
import { field, h, notice, replace, select } from './dom';
import { formatCount } from './format';
import { t, type Text } from './i18n';
import { errorNotice } from './pages/error-notice';

/** The console's API client as the shared upload steps call it (roster-upload.ts). */
export const consoleRosterApi: RosterApi = (method, path, body) => (method === 'GET' ? apiGet(path) : apiSend(method, path, body));

/**
 * "Unggah roster": an admin picks a roster file (.xlsx or .csv, of any size) and it goes the way
 * of `lindung roster import`, by the same shared steps: the whole file is checked in the browser
 * first (the header row found is shown), nothing stored if it cannot be imported; then its rows
 * are sent in chunks, and the import is followed until its workflow has finished, a <progress>
 * bar for each stage. The file is read in slices (blobByteSource), never whole.
 */
export async function rosterUploadForm(regulationId: string): Promise<HTMLElement> {
  const regulation = await apiGet<Regulation>(`/regulations/${encodeURIComponent(regulationId)}`);
  const coverageStart = h('input', { name: 'coverageStart', type: 'date', required: true });
  const segment = select('segment', [['', t('Dari kolom segmen di berkas')], ...regulation.segments.map((s) => [s.code, `${s.name} (${s.code})`] as const)]);
  const file = h('input', { name: 'file', type: 'file', required: true, accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('Periksa dan unggah'));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'upload-heading' },
    h('h2', { id: 'upload-heading' }, t('Unggah roster')),
    h('p', {}, t('Berkas diperiksa seluruhnya dulu; bila tidak dapat diimpor, tidak ada yang disimpan.')),
    field(t('Berkas roster (.xlsx atau .csv)'), file),
    field(t('Mulai cakupan'), coverageStart, t('Tanggal mulai iuran dibiayai untuk peserta berkas ini.')),
    field(t('Segmen'), segment, t('Pilih bila semua baris satu segmen; kosongkan bila berkas punya kolom segmen.')),
    submit,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = file.files?.[0];
    if (!picked) return;
    submit.disabled = true;
    upload(regulationId, picked, { coverageStart: coverageStart.value, segment: segment.value }, result).finally(() => {
      submit.disabled = false;
    });
  });
  return form;
}

async function upload(regulationId: string, picked: File, choices: { coverageStart: string; segment: string }, result: HTMLElement): Promise<void> {
  const stage = h('p', { 'data-testid': 'upload-stage' }, t('Memeriksa berkas…'));
  const bar = h('progress', { 'aria-label': t('Kemajuan unggah') });
  const headerLine = h('p', { 'data-testid': 'upload-header-row' });
  replace(result, stage, bar, headerLine);
  const observer: UploadObserver = {
    checking: (rows) => replace(stage, t('Memeriksa berkas: {rows} baris terbaca…', { rows: formatCount(rows) })),
    header: (header) => {
      replace(headerLine, t('Baris judul kolom: baris {row}', { row: header.row.rowNumber }));
      if (header.title) headerLine.append(h('br'), t('Judul di atasnya: {title}', { title: header.title }));
    },
    phase: (name, total) => {
      bar.max = Math.max(1, total);
      bar.value = name === 'checking' ? bar.max : 0;
      const text: Record<typeof name, Text> = {
        checking: 'Berkas diperiksa: {total} baris peserta.',
        uploading: 'Mengunggah: {done} dari {total} baris…',
        processing: 'Memproses: {done} dari {total} baris…',
      };
      const show = (done: number, of: number) => replace(stage, t(text[name], { done: formatCount(done), total: formatCount(of) }));
      show(0, total);
      return {
        update: (done, newTotal) => {
          if (newTotal !== undefined) bar.max = Math.max(1, newTotal);
          bar.value = done;
          show(done, newTotal ?? total);
        },
        stop: () => undefined,
      };
    },
  };
  try {
    const status = await uploadRosterSource(
      consoleRosterApi,
      blobByteSource(picked),
      { regulationId, coverageStart: choices.coverageStart, ...(choices.segment ? { segment: choices.segment } : {}) },
      observer,
      { stopped: (error, importId) => new Error(`${t('Unggahan impor {importId} berhenti di tengah jalan. Periksa koneksi Anda, lalu unggah berkas ini lagi.', { importId })} (${error instanceof Error ? error.message : String(error)})`) },
    );
    showOutcome(regulationId, status, stage);
  } catch (error) {
    bar.remove();
    if (error instanceof FileFormatError) {
      replace(stage);
      stage.append(notice('alert', t(FILE_PROBLEM_ADVICE[error.problem] ?? 'Berkas tidak dapat diimpor. Perbaiki hal di bawah, simpan, lalu unggah lagi.'), h('p', {}, t('Rincian: {message}', { message: error.message }))));
    } else {
      replace(stage, errorNotice(error), h('p', {}, t('Tidak ada yang diimpor dari unggahan ini. Perbaiki hal di atas, lalu pilih Periksa dan unggah lagi.')));
    }
  }
}

function showOutcome(regulationId: string, status: ImportStatus, stage: HTMLElement): void {
  const link = h('a', { href: `#/impor?${new URLSearchParams({ regulation: regulationId, import: status.importId })}` }, t('Lihat status impor {importId}', { importId: status.importId }));
  replace(
    stage,
    status.status === 'failed'
      ? notice('alert', t('Impor gagal diproses. Buka statusnya untuk melihat sebabnya, lalu unggah lagi.'))
      : t('{processed} baris diperiksa: {accepted} diterima, {rejected} ditolak.', { processed: formatCount(status.processed), accepted: formatCount(status.accepted), rejected: formatCount(status.rejected) }),
    ' ',
    link,
  );
}

/** What to do about a file that cannot be imported; its message (English, from the shared readers) follows as the detail. */
const FILE_PROBLEM_ADVICE: Partial<Record<FileFormatProblem, Text>> = {
  WRONG_FILE_TYPE: 'Berkas ini bukan lembar kerja roster. Simpan roster sebagai Excel Workbook (.xlsx) atau CSV UTF-8 (.csv), lalu unggah lagi.',
  EMPTY_FILE: 'Berkas tidak berisi baris peserta. Isi baris di bawah baris judul kolom, lalu unggah lagi.',
  FILE_TOO_LARGE: 'Berkas terlalu besar untuk satu impor. Bagi barisnya ke beberapa berkas, lalu unggah masing-masing.',
  INFLATES_TOO_MUCH: 'Berkas terlalu besar untuk satu impor. Bagi barisnya ke beberapa berkas, lalu unggah masing-masing.',
  TOO_MANY_ROWS: 'Berkas terlalu besar untuk satu impor. Bagi barisnya ke beberapa berkas, lalu unggah masing-masing.',
  TOO_MANY_MERGED_CELLS: 'Berkas terlalu besar untuk satu impor. Bagi barisnya ke beberapa berkas, lalu unggah masing-masing.',
  NOT_UTF8: 'Berkas CSV tidak disimpan sebagai UTF-8. Di Excel pilih Simpan Sebagai › CSV UTF-8, lalu unggah lagi.',
  NO_NIK_COLUMN: 'Baris judul kolom tidak ditemukan atau tidak lengkap. Pakai judul kolom seperti di templat (Unduh templat), lalu unggah lagi.',
  NO_HEADER_ROW: 'Baris judul kolom tidak ditemukan atau tidak lengkap. Pakai judul kolom seperti di templat (Unduh templat), lalu unggah lagi.',
  DUPLICATE_COLUMN: 'Baris judul kolom tidak ditemukan atau tidak lengkap. Pakai judul kolom seperti di templat (Unduh templat), lalu unggah lagi.',
};
