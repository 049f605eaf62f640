import type { z } from 'zod';
import type { ImportStatus, RejectedRow, RejectionsPage } from '../../../shared/api/roster-schemas';
import type { Regulation } from '../../../shared/core/regulation/regulation';
import type { RosterField } from '../../../shared/core/roster/raw-roster-row';
import { REJECTION_REPORT_HEADER, rejectionReportRow } from '../../../shared/documents/rejection-report';
import { ROSTER_FIELDS } from '../../../shared/core/roster/roster-fields';
import { apiGet, apiGetAll } from '../api-client';
import { h, notice, replace, scrollBox, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatDate, formatDateTime, maskNik } from '../format';
import { language, t } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { navigate } from '../router';
import { importStatusLabel, reasonLabel } from '../reason-labels';
import { reimportRows } from '../roster-reimport';
import { rosterUploadForm } from '../roster-upload';
import { CONTENT_TYPES, downloadBlob } from '../export/spreadsheet-download';
import { rosterTemplate } from '../../../shared/documents/roster-file/roster-template';
import { fixableInRow } from '../../../shared/core/roster/row-fix';
import { hasRole } from '../session';
import { errorNotice } from './error-notice';

/** A regulation's roster imports, and one import's counts, rejected rows to fix and rows with warnings to check. */
export async function rosterPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const heading = h('h1', { tabindex: '-1' }, t('Impor roster'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan.')));
    return;
  }
  const regulationId = picked.regulation.id;
  const imports = await apiGetAll<ImportStatus>(`/regulations/${encodeURIComponent(regulationId)}/imports`, 'imports');
  const selectedId = route.query.get('import') ?? imports[0]?.importId;
  const selected = imports.find((i) => i.importId === selectedId);
  const link = (i: ImportStatus) => `#/impor?${new URLSearchParams({ regulation: regulationId, import: i.importId })}`;
  replace(
    main,
    heading,
    picked.form,
    templateButton(regulationId),
    hasRole('admin') ? await rosterUploadForm(regulationId) : undefined,
    imports.length === 0
      ? notice('status', t('Belum ada impor untuk peraturan ini.'))
      : table(
          t('Impor terbaru lebih dulu'),
          [t('Berkas'), t('Status'), t('Diterima'), t('Ditolak'), t('Mulai cakupan'), t('Oleh')],
          imports.map((i) => [
            h('a', { href: link(i), 'aria-current': i.importId === selectedId ? 'true' : undefined }, i.fileName),
            importStatusLabel(i.status),
            formatCount(i.accepted),
            formatCount(i.rejected),
            formatDate(i.coverageStart),
            `${i.createdBy}, ${formatDateTime(i.createdAt)}`,
          ]),
          { numeric: [2, 3], stack: true },
        ),
    selected ? await importDetail(selected, await segmentNames(regulationId)) : undefined,
  );
}

/**
 * "Unduh templat": the roster workbook the CLI's `roster template` writes (roster-template.ts),
 * made here in the browser from the regulation: NIK as Text, the segments as a drop-down, and a
 * sheet explaining each column.
 */
function templateButton(regulationId: string): HTMLElement {
  const button = h('button', { type: 'button' }, t('Unduh templat'));
  button.addEventListener('click', async () => {
    const regulation = await apiGet<Regulation>(`/regulations/${encodeURIComponent(regulationId)}`);
    const bytes = rosterTemplate(regulation);
    downloadBlob(new Blob([bytes.slice().buffer], { type: CONTENT_TYPES.xlsx }), `templat-${regulationId}.xlsx`);
  });
  return h('p', {}, button, ' ', t('Templat XLSX dengan kolom roster, NIK berformat Teks dan daftar segmen peraturan ini.'));
}

/** Segment codes by the names an office knows them by, for the counts per segment. */
async function segmentNames(regulationId: string): Promise<Map<string, string>> {
  const regulation = await apiGet<Regulation>(`/regulations/${encodeURIComponent(regulationId)}`);
  return new Map(regulation.segments.map((segment) => [segment.code, segment.name]));
}

async function importDetail(status: ImportStatus, segmentNames: ReadonlyMap<string, string>): Promise<HTMLElement> {
  const segments = Object.entries(status.segments);
  const rejected = status.rejected > 0 && hasRole('admin') ? await allRejections(status.importId, 'rejected') : [];
  const warned = status.warnings > 0 && hasRole('admin') ? await allRejections(status.importId, 'warning') : [];
  return h(
    'section',
    { 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, `${status.fileName} · ${status.importId}`),
    h('p', {}, t('{processed} baris diperiksa: {accepted} diterima, {rejected} ditolak.', { processed: formatCount(status.processed), accepted: formatCount(status.accepted), rejected: formatCount(status.rejected) })),
    status.warnings > 0 ? h('p', {}, t('{warnings} baris diterima dengan peringatan.', { warnings: formatCount(status.warnings) })) : undefined,
    segments.length
      ? table(
          t('Per segmen'),
          [t('Segmen'), t('Diterima'), t('Ditolak (per alasan)'), t('Peringatan (per alasan)')],
          segments.map(([segment, counts]) => [segmentNames.get(segment) ?? segment, formatCount(counts.accepted), byReason(counts.rejected), byReason(counts.warnings ?? {})]),
          { numeric: [1] },
        )
      : undefined,
    status.rejected > 0 && !hasRole('admin') ? h('p', {}, t('Baris yang ditolak memuat data pribadi: hanya admin yang melihatnya.')) : undefined,
    rejected.length > 0 ? rejectionSection(status, rejected) : undefined,
    warned.length > 0 ? warningSection(status, warned) : undefined,
  );
}

function byReason(counts: Record<string, number>): string {
  return Object.entries(counts).map(([reason, n]) => `${reasonLabel(reason)}: ${formatCount(n)}`).join(', ') || '0';
}

/** Rows on the roster that the office should check (e.g. a NIK from outside the jurisdiction): nothing to re-import. */
function warningSection(status: ImportStatus, rows: readonly RejectedRow[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'warnings-heading' },
    h('h3', { id: 'warnings-heading' }, t('Baris dengan peringatan')),
    h('p', {}, t('Baris ini sudah masuk roster; periksa apakah orangnya memang berhak.')),
    exportButtons(`peringatan-${status.importId}`, 'Peringatan', () => [REJECTION_REPORT_HEADER, ...rows.map(rejectionReportRow)]),
    table(
      t('Baris dengan peringatan'),
      [t('Baris'), 'NIK', t('Nama'), t('Peringatan')],
      rows.map((row) => [String(row.row), maskNik(row.values.nik ?? ''), row.values.name ?? '', row.problems.map((p) => (language() === 'en' ? p.en : p.id)).join('; ')]),
      { stack: true },
    ),
  );
}

function rejectionSection(status: ImportStatus, rows: readonly RejectedRow[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'rejections-heading' },
    h('h3', { id: 'rejections-heading' }, t('Baris yang ditolak')),
    h(
      'ol',
      { class: 'steps' },
      h('li', {}, t('Unduh baris yang ditolak (CSV atau XLSX): setiap baris membawa alasan dan cara memperbaikinya.')),
      h('li', {}, t('Perbaiki baris di berkas itu; kolom alasan diabaikan saat impor.')),
      h('li', {}, t('Impor berkas itu lagi:'), ' ', h('code', {}, `npx lindung roster import --regulation ${status.regulationId} --file ditolak.xlsx --coverage-start ${status.coverageStart}`), ' ', t('atau perbaiki baris di bawah dan impor ulang dari sini.')),
    ),
    exportButtons(`ditolak-${status.importId}`, 'Ditolak', () => [REJECTION_REPORT_HEADER, ...rows.map(rejectionReportRow)]),
    fixForm(status, rows),
  );
}

/** Rows shown to fix in the page; many are fixed faster in the downloaded file. */
const ROWS_TO_FIX = 200;

/** Fix rejected rows in the page and import them again, as a new import of the same regulation and year. */
function fixForm(status: ImportStatus, rows: readonly RejectedRow[]): HTMLElement {
  const editable = rows.slice(0, ROWS_TO_FIX).map((row) => {
    const named = [...new Set(row.problems.map((p) => p.field).filter((f): f is RosterField => !!f && (ROSTER_FIELDS as readonly string[]).includes(f)))];
    const fields: RosterField[] = named.length ? named : ['nik', 'segment'];
    // Rows whose person is kept elsewhere (a duplicate, another payer) would only be rejected again.
    const include = h('input', { type: 'checkbox', checked: fixableInRow(row.problems.map((p) => p.reason)), 'aria-label': t('Impor ulang baris {row}', { row: row.row }) });
    const inputs = fields.map((f) => {
      // A NIK is shown masked only: its field starts empty, and left empty keeps the row's NIK.
      const value = f === 'nik' ? '' : (row.values[f] ?? '');
      const placeholder = f === 'nik' ? maskNik(row.values.nik ?? '') : undefined;
      const input = h('input', { name: f, value, placeholder, inputmode: f === 'nik' ? 'numeric' : undefined, autocomplete: 'off', 'aria-label': `${fieldLabel(f)} ${t('baris {row}', { row: row.row })}` });
      return { field: f, input };
    });
    return { row, include, inputs };
  });
  const result = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('Impor ulang baris yang diperbaiki'));
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'fix-heading' },
    h('h4', { id: 'fix-heading' }, t('Perbaiki di sini')),
    h('p', {}, rows.length > ROWS_TO_FIX ? t('{shown} baris pertama; perbaiki sisanya di berkas unduhan.', { shown: ROWS_TO_FIX }) : t('Perbaiki nilai yang salah, lalu impor ulang baris yang dicentang.')),
    scrollBox(
      h(
        'table',
        {},
        h('caption', { id: 'fix-caption' }, t('Baris untuk diperbaiki')),
        h('thead', {}, h('tr', {}, ...[t('Impor ulang'), t('Baris'), 'NIK', t('Nama'), t('Alasan'), t('Cara memperbaiki'), t('Perbaikan')].map((header) => h('th', { scope: 'col' }, header)))),
        h(
          'tbody',
          {},
          ...editable.map(({ row, include, inputs }) =>
            h(
              'tr',
              {},
              h('td', {}, include),
              h('th', { scope: 'row' }, String(row.row)),
              h('td', {}, maskNik(row.values.nik ?? '')),
              h('td', {}, row.values.name ?? ''),
              h('td', {}, row.problems.map((p) => (language() === 'en' ? p.en : p.id)).join('; ')),
              h('td', {}, [...new Set(row.problems.map((p) => p.fix))].join(' ')),
              h('td', { class: 'fix-inputs' }, ...inputs.map(({ field, input }) => h('label', {}, h('span', { 'aria-hidden': 'true' }, fieldLabel(field)), input))),
            ),
          ),
        ),
      ),
      'fix-caption',
    ),
    submit,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fixed = editable
      .filter(({ include }) => include.checked)
      .map(({ row, inputs }) => ({
        row: row.row,
        values: { ...row.values, ...Object.fromEntries(inputs.filter(({ field, input }) => field !== 'nik' || input.value.trim() !== '').map(({ field, input }) => [field, input.value.trim()])) },
      }));
    if (fixed.length === 0) return replace(result, notice('alert', t('Centang paling sedikit satu baris.')));
    submit.disabled = true;
    replace(result, h('p', { role: 'status' }, t('Mengimpor ulang {n} baris…', { n: fixed.length })));
    reimportRows(status, fixed).then(
      (next) => navigate(`#/impor?${new URLSearchParams({ regulation: status.regulationId, import: next.importId })}`),
      (error: unknown) => {
        submit.disabled = false;
        replace(result, errorNotice(error));
      },
    );
  });
  return form;
}

/** A roster field as the report's header names it (the same order as ROSTER_FIELDS, after the row number). */
function fieldLabel(field: RosterField): string {
  return REJECTION_REPORT_HEADER[ROSTER_FIELDS.indexOf(field) + 1] ?? field;
}

async function allRejections(importId: string, kind: 'rejected' | 'warning'): Promise<RejectedRow[]> {
  const rows: RejectedRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiGet<z.infer<typeof RejectionsPage>>(`/imports/${encodeURIComponent(importId)}/rejections`, { kind, cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}
