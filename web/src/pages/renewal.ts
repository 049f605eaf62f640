import type { z } from 'zod';
import type { ContinuityGap, ContinuityPage, Renewal, RenewalDiff } from '../../../shared/api/renewal-schemas';
import { apiGet, apiGetAll, apiSend } from '../api-client';
import { field, h, notice, replace, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatDate, formatDateTime, maskNik } from '../format';
import { t, type Text } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { href, navigate } from '../router';
import { hasRole } from '../session';
import { errorNotice } from './error-notice';

const STATUS: Record<Renewal['status'], Text> = {
  verifying: 'Memeriksa roster',
  proposed: 'Anggaran diusulkan',
  renewed: 'Diperpanjang',
  lapsed: 'Berhenti (tidak diperpanjang)',
  failed: 'Gagal',
};

const REASONS: Record<string, Text> = {
  'aged-out': 'Di luar batas usia',
  deceased: 'Meninggal',
  removed: 'Dikeluarkan dari segmen',
  'other-regulation': 'Tercakup peraturan lain',
  'segment-ended': 'Segmen dihapus',
  'budget-rejected': 'Anggaran ditolak',
  'budget-undecided': 'Anggaran tidak diputuskan tepat waktu',
  'not-funded': 'Tidak muat dalam pagu',
  'late-enrollment': 'Terlambat didaftarkan',
  'not-renewed': 'Tidak diperpanjang',
};

/** Gaps listed on the page; the download has them all. */
const GAPS_ON_PAGE = 200;

/** Yearly renewal: the diff against last year's roster per segment, the budget it led to, its closing, and continuity of cover. */
export async function renewalPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const heading = h('h1', { tabindex: '-1' }, t('Perpanjangan tahunan'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan.')));
    return;
  }
  const regulationId = picked.regulation.id;
  const id = encodeURIComponent(regulationId);
  const renewals = await apiGetAll<Renewal>(`/regulations/${id}/renewals`, 'renewals');
  const selected = renewals.find((r) => String(r.year) === route.query.get('year')) ?? renewals[0];
  const link = (r: Renewal) => `#/perpanjangan?${new URLSearchParams({ regulation: regulationId, year: String(r.year) })}`;
  const continuity = h('section', { 'aria-labelledby': 'continuity-heading' });

  replace(
    main,
    heading,
    picked.form,
    hasRole('admin') ? startForm(regulationId, renewals) : undefined,
    renewals.length === 0
      ? notice('status', t('Belum ada perpanjangan untuk peraturan ini. Jadwal harian memulainya pada hari perpanjangan peraturan.'))
      : table(
          t('Perpanjangan, tahun terbaru lebih dulu'),
          [t('Tahun'), t('Status'), t('Percobaan'), t('Dimulai'), t('Usulan')],
          renewals.map((r) => [
            h('a', { href: link(r), 'aria-current': r.year === selected?.year ? 'true' : undefined }, `${r.fromYear} → ${r.year}`),
            t(STATUS[r.status]),
            String(r.attempt),
            `${r.startedBy}, ${formatDateTime(r.startedAt)}`,
            r.proposalId ? h('a', { href: href('keputusan', r.proposalId) }, r.proposalId) : '—',
          ]),
          { stack: true },
        ),
    selected ? renewalDetail(selected) : undefined,
    selected ? continuity : undefined,
  );
  if (selected) showContinuity(continuity, regulationId, selected.year);
  // While the roster is being carried forward, look again every second (until the user leaves).
  if (selected?.status === 'verifying') {
    const page = location.hash;
    setTimeout(() => location.hash === page && navigate(page), 1000);
  }
}

function startForm(regulationId: string, renewals: readonly Renewal[]): HTMLElement {
  const year = h('input', { name: 'year', type: 'number', min: 2000, max: 2100, required: true, value: (renewals[0]?.year ?? new Date().getFullYear()) + 1 });
  const result = h('div', {});
  const form = h('form', { class: 'card' }, h('h2', {}, t('Mulai perpanjangan sekarang')), field(t('Ke tahun anggaran'), year, t('Roster tahun sebelumnya dibawa ke tahun ini, lalu anggarannya diusulkan.')), h('button', { type: 'submit' }, t('Mulai')), result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apiSend<Renewal>('POST', `/regulations/${encodeURIComponent(regulationId)}/renewals`, { year: Number(year.value) }).then(
      (renewal) => navigate(`#/perpanjangan?${new URLSearchParams({ regulation: regulationId, year: String(renewal.year) })}`),
      (error: unknown) => replace(result, errorNotice(error)),
    );
  });
  return form;
}

function renewalDetail(renewal: Renewal): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'renewal-heading' },
    h('h2', { id: 'renewal-heading' }, t('Perpanjangan {from} → {year}', { from: renewal.fromYear, year: renewal.year })),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Status')), h('dd', { 'data-testid': 'renewal-status' }, t(STATUS[renewal.status])),
      h('dt', {}, t('Hari perpanjangan')), h('dd', {}, formatDate(renewal.proposeOn)),
      h('dt', {}, t('Dimulai oleh')), h('dd', {}, renewal.trigger === 'schedule' ? t('jadwal harian') : renewal.startedBy),
      renewal.proposalId ? [h('dt', {}, t('Usulan anggaran')), h('dd', {}, h('a', { href: href('keputusan', renewal.proposalId) }, renewal.proposalId))] : undefined,
      renewal.closing?.enrollmentRunId ? [h('dt', {}, t('Pendaftaran')), h('dd', {}, h('a', { href: `#/pendaftaran?${new URLSearchParams({ regulation: renewal.regulationId, run: renewal.closing.enrollmentRunId })}` }, renewal.closing.enrollmentRunId))] : undefined,
    ),
    renewal.failure ? notice('alert', renewal.failure) : undefined,
    renewal.diff ? renewalDiffSection(renewal.diff) : undefined,
    renewal.closing
      ? h(
          'div',
          {},
          h('h3', {}, t('Penutupan')),
          h('p', {}, t('{outcome} pada {date}: {n} orang berhenti tercakup pada 31 Desember.', { outcome: t(STATUS[renewal.closing.outcome]), date: formatDateTime(renewal.closing.closedAt), n: formatCount(renewal.closing.lapsed) })),
          reasonTable(t('Alasan berhenti'), renewal.closing.lapseReasons),
        )
      : undefined,
  );
}

/** Joiners, leavers and people leaving the age window per segment, against last year's roster. Also shown on the renewal's proposal. */
export function renewalDiffSection(diff: z.infer<typeof RenewalDiff>): HTMLElement {
  const headers = [t('Segmen'), t('Tahun lalu'), t('Tetap'), t('Baru'), t('Berhenti'), t('Keluar batas usia tahun ini'), t('Tahun ini')];
  const row = (name: string, d: Omit<z.infer<typeof RenewalDiff>['segments'][number], 'segment'>) => [name, formatCount(d.previous), formatCount(d.unchanged), d.joiners ? `+${formatCount(d.joiners)}` : '0', d.leavers ? `−${formatCount(d.leavers)}` : '0', formatCount(d.agingOut), formatCount(d.next)];
  return h(
    'div',
    { class: 'renewal-diff' },
    table(t('Roster {year} dibanding {from}', { year: diff.year, from: diff.fromYear }), headers, diff.segments.map((s) => row(s.segment, s)), { numeric: [1, 2, 3, 4, 5, 6], footer: row(t('Jumlah'), diff.totals) }),
    reasonTable(t('Alasan keluar'), diff.leaverReasons),
    exportButtons(`perpanjangan-${diff.fromYear}-${diff.year}`, 'Perpanjangan', () => [
      headers,
      ...diff.segments.map((s) => [s.segment, s.previous, s.unchanged, s.joiners, s.leavers, s.agingOut, s.next]),
    ]),
  );
}

function reasonTable(caption: string, reasons: Partial<Record<string, number>>): HTMLElement | undefined {
  const entries = Object.entries(reasons).filter(([, n]) => (n ?? 0) > 0);
  if (entries.length === 0) return undefined;
  return table(caption, [t('Alasan'), t('Orang')], entries.map(([reason, n]) => [REASONS[reason] ? t(REASONS[reason]) : reason, formatCount(n ?? 0)]), { numeric: [1] });
}

/** Continuity into the year is read bucket by bucket (32 pages) when the user asks for it. */
function showContinuity(section: HTMLElement, regulationId: string, year: number): void {
  const button = h('button', { type: 'button' }, t('Periksa kesinambungan cakupan'));
  button.addEventListener('click', () => {
    button.disabled = true;
    replace(section, h('h2', { id: 'continuity-heading' }, t('Kesinambungan cakupan ke {year}', { year })), h('p', { role: 'status' }, t('Memeriksa…')));
    continuityGaps(regulationId, year).then(
      ({ checked, gaps }) => replace(section, ...continuityView(year, checked, gaps)),
      (error: unknown) => replace(section, errorNotice(error)),
    );
  });
  replace(section, h('h2', { id: 'continuity-heading' }, t('Kesinambungan cakupan ke {year}', { year })), h('p', {}, t('Siapa yang tercakup 31 Desember {from} dan tidak tercakup sejak 1 Januari {year}, dan mengapa.', { from: year - 1, year })), button);
}

async function continuityGaps(regulationId: string, year: number): Promise<{ checked: number; gaps: ContinuityGap[] }> {
  let checked = 0;
  const gaps: ContinuityGap[] = [];
  for (let bucket = 0; bucket < 32; bucket++) {
    let after: string | undefined;
    do {
      const page = await apiGet<ContinuityPage>(`/regulations/${encodeURIComponent(regulationId)}/continuity`, { year, bucket, after });
      checked += page.checked;
      gaps.push(...page.gaps);
      after = page.after;
    } while (after);
  }
  return { checked, gaps };
}

function continuityView(year: number, checked: number, gaps: readonly ContinuityGap[]): HTMLElement[] {
  const byReason: Record<string, number> = {};
  for (const gap of gaps) byReason[gap.reason] = (byReason[gap.reason] ?? 0) + 1;
  const continued = checked - gaps.length;
  const gapHeaders = ['NIK', t('Nama'), t('Segmen'), t('Alasan'), t('Tercakup sampai'), t('Tercakup lagi sejak'), t('Hari tanpa cakupan')];
  return [
    h('h2', { id: 'continuity-heading' }, t('Kesinambungan cakupan ke {year}', { year })),
    h('p', { role: 'status' }, t('{continued} dari {checked} orang tercakup tanpa jeda sejak 1 Januari; {gaps} dengan jeda.', { continued: formatCount(continued), checked: formatCount(checked), gaps: formatCount(gaps.length) })),
    reasonTable(t('Alasan jeda'), byReason) ?? h('span', {}),
    gaps.length
      ? h(
          'div',
          {},
          exportButtons(`kesinambungan-${year}`, 'Kesinambungan', () => [
            gapHeaders,
            ...gaps.map((g) => [maskNik(g.nik), g.name, g.segment, REASONS[g.reason] ? t(REASONS[g.reason]!) : g.reason, formatDate(g.coveredUntil), g.coveredAgainFrom ? formatDate(g.coveredAgainFrom) : '', g.gapDays]),
          ]),
          table(
            gaps.length > GAPS_ON_PAGE ? t('{shown} dari {total} jeda pertama', { shown: GAPS_ON_PAGE, total: formatCount(gaps.length) }) : t('Jeda cakupan'),
            gapHeaders,
            gaps.slice(0, GAPS_ON_PAGE).map((g) => [maskNik(g.nik), g.name, g.segment, REASONS[g.reason] ? t(REASONS[g.reason]!) : g.reason, formatDate(g.coveredUntil), g.coveredAgainFrom ? formatDate(g.coveredAgainFrom) : '—', formatCount(g.gapDays)]),
            { numeric: [6], stack: true },
          ),
        )
      : h('span', {}),
  ];
}
