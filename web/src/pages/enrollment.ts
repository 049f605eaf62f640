import type { Proposal } from '../../../shared/api/budget-schemas';
import type { EnrollmentRun } from '../../../shared/api/enrollment-schemas';
import { apiGet, apiGetAll, apiSend } from '../api-client';
import { h, notice, replace, table } from '../dom';
import { formatCount, formatDate, formatDateTime, formatMonth, formatRupiah } from '../format';
import { t, type Text } from '../i18n';
import type { PageContext } from '../main';
import { enrollmentFailureLabel, enrollmentFailureNext, runFailureExplained } from '../reason-labels';
import { pickRegulation } from '../regulation-picker';
import { currentRoute, navigate } from '../router';
import { hasRole } from '../session';
import { errorNotice } from './error-notice';

const RUN_STATUS: Record<EnrollmentRun['status'], Text> = {
  running: 'Berjalan',
  completed: 'Selesai',
  'completed-with-failures': 'Selesai dengan kegagalan',
  failed: 'Gagal',
};

/** How often a running run's progress is read. */
const POLL_MS = 1000;

/** Enrollment runs: an admin starts one for an approved proposal and follows it live. */
export async function enrollmentPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const heading = h('h1', { tabindex: '-1' }, t('Pendaftaran peserta'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan.')));
    return;
  }
  const regulationId = picked.regulation.id;
  const [runs, proposals] = await Promise.all([
    apiGetAll<EnrollmentRun>('/enrollment-runs', 'runs', { regulationId }),
    apiGetAll<Proposal>('/proposals', 'proposals', { regulationId, status: 'approved' }),
  ]);
  const withRun = new Set(runs.map((r) => r.proposalId));
  const waiting = proposals.filter((p) => !withRun.has(p.proposalId) && !p.stale);
  const selected = runs.find((r) => r.runId === route.query.get('run')) ?? runs[0];
  const link = (run: EnrollmentRun) => `#/pendaftaran?${new URLSearchParams({ regulation: regulationId, run: run.runId })}`;

  const progress = h('section', { 'aria-labelledby': 'run-heading' });
  replace(
    main,
    heading,
    picked.form,
    hasRole('admin') && waiting.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'start-heading', class: 'card' },
          h('h2', { id: 'start-heading' }, t('Usulan disetujui yang belum didaftarkan')),
          ...waiting.map((p) => {
            const result = h('div', {});
            const button = h('button', { type: 'button', class: 'primary' }, t('Mulai pendaftaran {year} ({amount})', { year: p.year, amount: formatRupiah(p.approvedAmount ?? p.total) }));
            button.addEventListener('click', () => {
              button.disabled = true;
              apiSend<EnrollmentRun>('POST', '/enrollment-runs', { proposalId: p.proposalId }).then(
                (run) => navigate(link(run)),
                (error: unknown) => {
                  button.disabled = false;
                  replace(result, errorNotice(error));
                },
              );
            });
            return h('div', { class: 'row' }, h('span', {}, `${p.proposalId} · ${p.title}`), button, result);
          }),
        )
      : undefined,
    runs.length === 0
      ? notice('status', t('Belum ada pendaftaran untuk peraturan ini.'))
      : table(
          t('Pendaftaran, terbaru lebih dulu'),
          [t('Pendaftaran'), t('Tahun'), t('Status'), t('Terdaftar'), t('Gagal'), t('Dimulai')],
          runs.map((r) => [
            h('a', { href: link(r), 'aria-current': r.runId === selected?.runId ? 'true' : undefined }, r.runId),
            String(r.year),
            t(RUN_STATUS[r.status]),
            formatCount(r.counts.enrolled),
            formatCount(r.counts.failed),
            `${r.startedBy}, ${formatDateTime(r.startedAt)}`,
          ]),
          { numeric: [3, 4], stack: true },
        ),
    progress,
  );
  // The page is shown now; the run's progress keeps updating in its section.
  if (selected) void follow(progress, selected).catch((error: unknown) => replace(progress, errorNotice(error)));
}

/** Shows a run and, while it runs, reads it again every second until it finishes or the page changes. */
async function follow(section: HTMLElement, first: EnrollmentRun): Promise<void> {
  const page = location.hash;
  let run = first;
  for (;;) {
    replace(section, ...runDetail(run, (next) => void follow(section, next)));
    if (run.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (location.hash !== page || currentRoute().name !== 'pendaftaran') return;
    run = await apiGet<EnrollmentRun>(`/enrollment-runs/${encodeURIComponent(run.runId)}`);
  }
}

/**
 * Enrolled, skipped and failed people, each on its own against the people planned. Never added up:
 * a top-up's run also meets the people an earlier run covered (skipped), who are not among the
 * people its proposal plans, so a sum could read "13.125 dari 12.928".
 */
function runCountsText(counts: EnrollmentRun['counts']): string {
  return t('{enrolled} terdaftar · {skipped} dilewati (sudah tercakup) · {failed} gagal, dari {planned} orang yang direncanakan', {
    enrolled: formatCount(counts.enrolled),
    skipped: formatCount(counts.skipped),
    failed: formatCount(counts.failed),
    planned: formatCount(counts.planned),
  });
}

function runDetail(run: EnrollmentRun, onRetry: (run: EnrollmentRun) => void): (HTMLElement | undefined)[] {
  const retry =
    hasRole('admin') && run.status === 'completed-with-failures'
      ? h('button', {
          type: 'button',
          onclick: (event: Event) => {
            (event.currentTarget as HTMLButtonElement).disabled = true;
            apiSend<EnrollmentRun>('POST', `/enrollment-runs/${encodeURIComponent(run.runId)}/retry-failed`, { attempt: run.attempt }).then(onRetry, (error: unknown) => {
              (event.target as HTMLElement).after(errorNotice(error));
            });
          },
        }, t('Ulangi yang gagal ({n} orang)', { n: formatCount(run.counts.failed) }))
      : undefined;
  return [
    h('h2', { id: 'run-heading' }, t('Pendaftaran {id}', { id: run.runId })),
    h(
      'div',
      { role: 'status', 'aria-live': 'polite', class: 'run-status' },
      h('strong', { 'data-testid': 'run-status' }, t(RUN_STATUS[run.status])),
      ' · ',
      h('span', { 'data-testid': 'run-counts' }, runCountsText(run.counts)),
    ),
    // The bar is the people covered of those planned: skipped people are not part of it (see runCountsText).
    h('progress', { max: Math.max(1, run.counts.planned), value: run.counts.enrolled, 'aria-label': t('Kemajuan pendaftaran') }),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Direncanakan')), h('dd', {}, formatCount(run.counts.planned)),
      h('dt', {}, t('Terdaftar (KPJ)')), h('dd', { 'data-testid': 'run-enrolled' }, formatCount(run.counts.enrolled)),
      h('dt', {}, t('Gagal')), h('dd', {}, formatCount(run.counts.failed)),
      h('dt', {}, t('Dilewati (sudah tercakup)')), h('dd', {}, formatCount(run.counts.skipped)),
      h('dt', {}, t('Sisa')), h('dd', {}, formatCount(run.counts.remaining)),
      h('dt', {}, t('Masa cakupan')), h('dd', {}, `${formatDate(run.coverageStart)} – ${formatDate(run.coverageEnd)}`),
      h('dt', {}, t('Iuran terikat')), h('dd', {}, `${formatRupiah(run.committedAmount)} / ${formatRupiah(run.approvedAmount)}`),
      run.releasedAmount > 0 ? [h('dt', {}, t('Iuran dikembalikan (kepesertaan berakhir lebih awal)')), h('dd', {}, formatRupiah(run.releasedAmount))] : undefined,
      h('dt', {}, t('Percobaan')), h('dd', {}, String(run.attempt)),
      run.finishedAt ? [h('dt', {}, t('Selesai')), h('dd', {}, formatDateTime(run.finishedAt))] : undefined,
    ),
    run.failure ? failureNotice(run.failure) : undefined,
    run.failureReasons.length
      ? table(
          t('Alasan kegagalan'),
          [t('Alasan'), t('Orang'), t('Langkah berikutnya')],
          run.failureReasons.map((f) => [h('span', { 'data-reason': f.reason }, enrollmentFailureLabel(f.reason)), formatCount(f.people), enrollmentFailureNext(f.reason)]),
          { numeric: [1] },
        )
      : undefined,
    retry,
    run.invoice
      ? table(
          t('Tagihan iuran per bulan'),
          [t('Bulan'), t('Orang'), t('Jumlah')],
          run.invoice.monthlyTotals.map((m) => [formatMonth(m.month), formatCount(m.people), formatRupiah(m.amount)]),
          { numeric: [1, 2], footer: [t('Jumlah'), '', formatRupiah(run.invoice.total)] },
        )
      : undefined,
  ];
}

/** Why an attempt stopped, in words, and what to do; the failure as recorded (English, for the admin) under "Rincian teknis". */
function failureNotice(failure: string): HTMLElement {
  const { label, next } = runFailureExplained(failure);
  return notice(
    'alert',
    h('strong', {}, t('Percobaan ini berhenti: {reason}.', { reason: label })),
    ' ',
    next,
    h('details', {}, h('summary', {}, t('Rincian teknis')), h('code', {}, failure)),
  );
}
