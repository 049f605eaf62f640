import type { z } from 'zod';
import type { Proposal, ProposalStatus } from '../../../shared/api/budget-schemas';
import { apiGetAll, apiSend } from '../api-client';
import { field, h, notice, replace, select, table } from '../dom';
import { formatDate, formatRupiah } from '../format';
import { t, type Text } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { href, navigate } from '../router';
import { hasRole } from '../session';
import { errorNotice } from './error-notice';

export const STATUS_LABELS: Record<z.infer<typeof ProposalStatus>, Text> = {
  computing: 'Sedang dihitung',
  'pending-decision': 'Menunggu keputusan',
  allocating: 'Mengalokasikan pagu',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  'revision-requested': 'Perlu revisi',
  expired: 'Kedaluwarsa',
  failed: 'Gagal dihitung',
};

export const COHORT_LABELS: Record<Proposal['cohort'], Text> = { original: 'APBD murni', perubahan: 'APBD-Perubahan' };

/** Budget proposals: finance sees those waiting for a decision first; admins request new ones. */
export async function proposalsPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const defaultStatus = hasRole('finance') ? 'pending-decision' : '';
  const status = route.query.get('status') ?? defaultStatus;
  const proposals = await apiGetAll<Proposal>('/proposals', 'proposals', { status: status || undefined });
  const statusSelect = select('status', [['', t('Semua status')], ...Object.entries(STATUS_LABELS).map(([value, label]) => [value, t(label)] as const)], status);
  statusSelect.addEventListener('change', () => navigate(`#/usulan?status=${statusSelect.value}`));

  replace(
    main,
    h('h1', { tabindex: '-1' }, status === 'pending-decision' ? t('Usulan menunggu keputusan') : t('Usulan anggaran')),
    h('div', { class: 'filters' }, field(t('Status'), statusSelect)),
    proposals.length === 0
      ? notice('status', t('Tidak ada usulan.'))
      : table(
          t('Usulan anggaran, terbaru lebih dulu'),
          [t('Usulan'), t('Peraturan'), t('Tahun'), t('Jenis anggaran'), t('Status'), t('Jumlah'), t('Diajukan')],
          proposals.map((p) => [
            h('a', { href: href('keputusan', p.proposalId) }, p.proposalId),
            p.title,
            String(p.year),
            t(COHORT_LABELS[p.cohort]),
            h('span', { class: `badge ${p.status}` }, t(STATUS_LABELS[p.status]), p.stale ? ` · ${t('usang: roster, tarif atau peraturan berubah sejak usulan dihitung')}` : ''),
            formatRupiah(p.total),
            `${p.requestedBy}, ${formatDate(p.requestedAt)}`,
          ]),
          { numeric: [5], stack: true },
        ),
    hasRole('admin') && picked.regulation ? proposeForm(picked.regulations.map((r) => r.id), picked.regulation.id) : undefined,
  );
}

/** Admin: ask for a proposal; it is computed in the background, then waits for finance. */
function proposeForm(regulationIds: readonly string[], selected: string): HTMLElement {
  const regulation = select('regulationId', regulationIds.map((id) => [id, id] as const), selected);
  const year = h('input', { name: 'year', type: 'number', min: 2000, max: 2100, value: new Date().getFullYear() + 1, required: true });
  const cohort = select('cohort', [['original', t('APBD murni')], ['perubahan', t('APBD-Perubahan')]], 'original');
  const startMonth = h('input', { name: 'startMonth', type: 'month' });
  const result = h('div', {});
  const form = h(
    'form',
    { class: 'card' },
    h('h2', {}, t('Ajukan usulan anggaran')),
    field(t('Peraturan'), regulation),
    field(t('Tahun anggaran'), year),
    field(t('Jenis anggaran'), cohort),
    field(t('Bulan mulai (APBD-Perubahan)'), startMonth, t('Kosongkan untuk APBD murni (Januari–Desember).')),
    h('button', { type: 'submit', class: 'primary' }, t('Ajukan')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apiSend<Proposal>('POST', '/proposals', {
      regulationId: regulation.value,
      year: Number(year.value),
      cohort: cohort.value,
      ...(startMonth.value ? { startMonth: startMonth.value } : {}),
      clientToken: crypto.randomUUID(),
    }).then(
      (proposal) => navigate(href('keputusan', proposal.proposalId)),
      (error: unknown) => replace(result, errorNotice(error)),
    );
  });
  return form;
}
