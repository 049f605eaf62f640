import type { Coverage } from '../../../shared/api/coverage-schemas';
import { apiGet } from '../api-client';
import { columns, horizontalBars } from '../charts';
import { h, notice, replace, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatMonth, formatRupiah, formatShare } from '../format';
import { t } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';

/** Everyone's first page: the Paritrana figures of one regulation, region and year. */
export async function dashboardPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route);
  const heading = h('h1', { tabindex: '-1' }, t('Dasbor cakupan'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan. Admin menerapkan peraturan lebih dulu.')));
    return;
  }
  const coverage = await apiGet<Coverage>('/coverage', { regulationId: picked.regulation.id, year: picked.year });
  const segmentNames = coverage.segments.map((s) => s.name);
  const rows = coverage.segments.map((s) => [
    s.name,
    s.category,
    formatCount(s.target),
    formatCount(s.onRoster),
    formatCount(s.funded),
    formatCount(s.covered),
    formatShare(s.target > 0 ? s.covered / s.target : 0),
  ]);
  const headers = [t('Segmen'), t('Kategori'), t('Target'), t('Di roster'), t('Didanai'), t('Tercakup'), t('Persentase target')];

  replace(
    main,
    heading,
    picked.form,
    h('p', { class: 'lead' }, `${coverage.title} · ${t('Wilayah')} ${coverage.regionName} (${coverage.jurisdiction}) · ${t('Tahun anggaran')} ${coverage.year}`),
    h(
      'ul',
      { class: 'tiles', 'aria-label': t('Ringkasan') },
      tile(t('Tercakup'), `${formatCount(coverage.totals.covered)} / ${formatCount(coverage.totals.target)}`, 'covered-total'),
      tile(t('Persentase target'), formatShare(coverage.shareOfTarget)),
      tile(t('APBD disetujui'), formatRupiah(coverage.budget.approved)),
      tile(t('Iuran terikat'), formatRupiah(coverage.budget.committed)),
      tile(t('APBD terpakai'), formatRupiah(coverage.budget.spent)),
      tile(t('Bulan cakupan berturut-turut'), `${coverage.monthsOfContinuousCover} / 12`),
    ),
    h(
      'section',
      { 'aria-labelledby': 'covered-heading' },
      h('h2', { id: 'covered-heading' }, t('Tercakup dibanding target per segmen')),
      horizontalBars({
        title: t('Tercakup dibanding target per segmen'),
        description: coverage.segments.map((s) => `${s.name}: ${formatCount(s.covered)} / ${formatCount(s.target)}`).join('; '),
        categories: segmentNames,
        series: [
          { label: t('Tercakup'), className: 'series-0', values: coverage.segments.map((s) => s.covered) },
          { label: t('Target'), className: 'series-1', values: coverage.segments.map((s) => s.target) },
        ],
        format: formatCount,
      }),
      table(t('Metrik Paritrana per segmen'), headers, rows, {
        numeric: [2, 3, 4, 5, 6],
        footer: [t('Jumlah'), '', formatCount(coverage.totals.target), formatCount(coverage.totals.onRoster), formatCount(coverage.totals.funded), formatCount(coverage.totals.covered), formatShare(coverage.shareOfTarget)],
      }),
      exportButtons(`cakupan-${coverage.regulationId}-${coverage.year}`, t('Cakupan'), () => [
        [t('Kode segmen'), ...headers],
        ...coverage.segments.map((s) => [s.segment, s.name, s.category, s.target, s.onRoster, s.funded, s.covered, formatShare(s.target > 0 ? s.covered / s.target : 0)]),
      ]),
    ),
    h(
      'section',
      { 'aria-labelledby': 'category-heading' },
      h('h2', { id: 'category-heading' }, t('Per kategori')),
      table(t('Tercakup per kategori'), [t('Kategori'), t('Target'), t('Tercakup'), t('Persentase target')], coverage.categories.map((c) => [c.category, formatCount(c.target), formatCount(c.covered), formatShare(c.target > 0 ? c.covered / c.target : 0)]), { numeric: [1, 2, 3] }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'spend-heading' },
      h('h2', { id: 'spend-heading' }, t('Belanja dibanding anggaran disetujui')),
      horizontalBars({
        title: t('Belanja dibanding anggaran disetujui'),
        description: `${t('APBD disetujui')}: ${formatRupiah(coverage.budget.approved)}; ${t('APBD terpakai')}: ${formatRupiah(coverage.budget.spent)}`,
        categories: [`APBD ${coverage.year}`],
        series: [
          { label: t('APBD terpakai'), className: 'series-0', values: [coverage.budget.spent] },
          { label: t('APBD disetujui'), className: 'series-1', values: [coverage.budget.approved] },
        ],
        format: formatRupiah,
      }),
      coverage.budget.pendingDecision > 0 ? h('p', {}, t('{n} usulan menunggu keputusan BPKAD.', { n: coverage.budget.pendingDecision })) : undefined,
    ),
    h(
      'section',
      { 'aria-labelledby': 'continuity-heading' },
      h('h2', { id: 'continuity-heading' }, t('Kesinambungan cakupan')),
      columns({
        title: t('Peserta tercakup per bulan'),
        description: coverage.months.map((m) => `${formatMonth(m.month)}: ${formatCount(m.covered)}`).join('; '),
        categories: coverage.months.map((m) => formatMonth(m.month).slice(0, 3)),
        series: [{ label: t('Tercakup'), className: 'series-0', values: coverage.months.map((m) => m.covered) }],
        format: formatCount,
      }),
      table(
        t('Peserta tercakup per bulan'),
        [t('Bulan'), t('Tercakup'), t('Tercakup & dibayar'), t('Iuran')],
        coverage.months.map((m) => [formatMonth(m.month), formatCount(m.covered), formatCount(m.paid), formatRupiah(m.premiums)]),
        { numeric: [1, 2, 3] },
      ),
    ),
  );
}

/** One figure of a summary's tiles. */
export function tile(label: string, value: string, testId?: string): HTMLElement {
  return h('li', { class: 'tile' }, h('span', { class: 'tile-label' }, label), h('strong', { class: 'tile-value', 'data-testid': testId }, value));
}
