import type { z } from 'zod';
import type { RegulationHistory, RegulationPremiums } from '../../../shared/api/schemas';
import type { Regulation } from '../../../shared/core/regulation/regulation';
import { apiGet } from '../api-client';
import { h, replace, table } from '../dom';
import { formatCount, formatDate, formatDateTime, formatRupiah } from '../format';
import { t } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';

/** A regulation with its segments, this month's premium per person, and its version history. */
export async function regulationPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const heading = h('h1', { tabindex: '-1' }, t('Peraturan'));
  if (!picked.regulation) {
    replace(main, heading, h('p', {}, t('Belum ada peraturan. Terapkan dengan: npx lindung regulation apply -f FILE.yaml')));
    return;
  }
  const id = encodeURIComponent(picked.regulation.id);
  const month = new Date().toISOString().slice(0, 7);
  const [regulation, history, premiums] = await Promise.all([
    apiGet<Regulation>(`/regulations/${id}`),
    apiGet<z.infer<typeof RegulationHistory>>(`/regulations/${id}/versions`),
    apiGet<z.infer<typeof RegulationPremiums>>(`/regulations/${id}/premiums`, { month }).catch(() => undefined),
  ]);
  const premiumOf = new Map(premiums?.segments.map((s) => [s.segment, s.monthlyPremium]) ?? []);
  replace(
    main,
    heading,
    picked.form,
    h('h2', {}, regulation.title),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Dasar hukum')), h('dd', {}, `${regulation.legalBasis.type} ${regulation.legalBasis.number}/${regulation.legalBasis.year}`),
      h('dt', {}, t('Wilayah')), h('dd', {}, regulation.jurisdiction),
      h('dt', {}, t('Program')), h('dd', {}, regulation.programs.join(', ')),
      h('dt', {}, t('Pembayar')), h('dd', {}, regulation.payer),
      h('dt', {}, t('Berlaku')), h('dd', {}, `${formatDate(regulation.effectiveFrom)}${regulation.effectiveTo ? ` – ${formatDate(regulation.effectiveTo)}` : ''}`),
      h('dt', {}, t('Versi')), h('dd', {}, String(regulation.version)),
    ),
    table(
      t('Segmen'),
      [t('Kode'), t('Nama'), t('Kategori'), t('Prioritas'), t('Target'), t('Usia'), t('Iuran per bulan')],
      regulation.segments.map((s) => [s.code, s.name, s.category, String(s.priority), formatCount(s.targetHeadcount), `${s.eligibility.minAge}–${s.eligibility.maxAge}`, premiumOf.has(s.code) ? formatRupiah(premiumOf.get(s.code)!) : '—']),
      { numeric: [3, 4, 6] },
    ),
    h('h2', {}, t('Riwayat versi')),
    table(t('Riwayat versi'), [t('Versi'), t('Dicatat'), t('Oleh')], history.versions.map((v) => [String(v.version), formatDateTime(v.recordedAt), v.recordedBy])),
  );
}
