import type { z } from 'zod';
import type { ImportList, ImportStatus, RejectedRow, RejectionsPage } from '../../../shared/api/roster-schemas';
import { REJECTION_REPORT_HEADER, rejectionReportRow } from '../../../shared/rosters/rejection-report';
import { apiGet } from '../api-client';
import { h, notice, replace, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatIndonesianDate, formatIndonesianDateTime, maskNik } from '../format';
import { language, t } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { hasRole } from '../session';

/** Rows shown on the page; the download has them all. */
const ROWS_ON_PAGE = 200;

/** A regulation's roster imports, and one import's counts and rejected rows to fix. */
export async function importsPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const heading = h('h1', { tabindex: '-1' }, t('Impor roster'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan.')));
    return;
  }
  const regulationId = picked.regulation.id;
  const { imports } = await apiGet<z.infer<typeof ImportList>>(`/regulations/${encodeURIComponent(regulationId)}/imports`);
  const selectedId = route.query.get('import') ?? imports[0]?.importId;
  const selected = imports.find((i) => i.importId === selectedId);
  const link = (i: ImportStatus) => `#/impor?${new URLSearchParams({ regulation: regulationId, import: i.importId })}`;
  replace(
    main,
    heading,
    picked.form,
    imports.length === 0
      ? notice('status', t('Belum ada impor untuk peraturan ini.'))
      : table(
          t('Impor terbaru lebih dulu'),
          [t('Berkas'), t('Status'), t('Diterima'), t('Ditolak'), t('Mulai cakupan'), t('Oleh')],
          imports.map((i) => [
            h('a', { href: link(i), 'aria-current': i.importId === selectedId ? 'true' : undefined }, i.fileName),
            i.status,
            formatCount(i.accepted),
            formatCount(i.rejected),
            formatIndonesianDate(i.coverageStart),
            `${i.createdBy}, ${formatIndonesianDateTime(i.createdAt)}`,
          ]),
          { numeric: [2, 3] },
        ),
    selected ? await importDetail(selected) : undefined,
  );
}

async function importDetail(status: ImportStatus): Promise<HTMLElement> {
  const segments = Object.entries(status.segments);
  const rejected = status.rejected > 0 && hasRole('admin') ? await allRejections(status.importId) : [];
  return h(
    'section',
    { 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, `${status.fileName} · ${status.importId}`),
    h('p', {}, t('{processed} baris diperiksa: {accepted} diterima, {rejected} ditolak.', { processed: formatCount(status.processed), accepted: formatCount(status.accepted), rejected: formatCount(status.rejected) })),
    segments.length
      ? table(
          t('Per segmen'),
          [t('Segmen'), t('Diterima'), t('Ditolak (per alasan)')],
          segments.map(([segment, counts]) => [segment, formatCount(counts.accepted), Object.entries(counts.rejected).map(([reason, n]) => `${reason}: ${formatCount(n)}`).join(', ') || '0']),
          { numeric: [1] },
        )
      : undefined,
    status.rejected > 0 && !hasRole('admin') ? h('p', {}, t('Baris yang ditolak memuat data pribadi: hanya admin yang melihatnya.')) : undefined,
    rejected.length > 0 ? rejectionSection(status, rejected) : undefined,
  );
}

function rejectionSection(status: ImportStatus, rows: readonly RejectedRow[]): HTMLElement {
  const english = language() === 'en';
  return h(
    'section',
    { 'aria-labelledby': 'rejections-heading' },
    h('h3', { id: 'rejections-heading' }, t('Baris yang ditolak')),
    h(
      'ol',
      { class: 'steps' },
      h('li', {}, t('Unduh baris yang ditolak (CSV atau XLSX): setiap baris membawa alasan dan cara memperbaikinya.')),
      h('li', {}, t('Perbaiki baris di berkas itu; kolom alasan diabaikan saat impor.')),
      h('li', {}, t('Impor berkas itu lagi:'), ' ', h('code', {}, `npx lindung roster import --regulation ${status.regulationId} --file ditolak.xlsx --coverage-start ${status.coverageStart}`)),
    ),
    exportButtons(`ditolak-${status.importId}`, 'Ditolak', () => [REJECTION_REPORT_HEADER, ...rows.map(rejectionReportRow)]),
    table(
      rows.length > ROWS_ON_PAGE ? t('{shown} dari {total} baris pertama yang ditolak', { shown: ROWS_ON_PAGE, total: formatCount(rows.length) }) : t('Baris yang ditolak'),
      [t('Baris'), 'NIK', t('Nama'), t('Segmen'), t('Alasan'), t('Perbaikan')],
      rows.slice(0, ROWS_ON_PAGE).map((row) => [
        String(row.row),
        maskNik(row.values.nik ?? ''),
        row.values.name ?? '',
        row.values.segment ?? '',
        row.problems.map((p) => (english ? p.en : p.id)).join('; '),
        [...new Set(row.problems.map((p) => p.fix))].join(' '),
      ]),
    ),
  );
}

async function allRejections(importId: string): Promise<RejectedRow[]> {
  const rows: RejectedRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiGet<z.infer<typeof RejectionsPage>>(`/imports/${encodeURIComponent(importId)}/rejections`, { cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}
