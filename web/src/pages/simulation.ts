import type { z } from 'zod';
import type { ScenarioList } from '../../../shared/api/simulation-schemas';
import type { Proposal } from '../../../shared/core/budget/proposal';
import type { Regulation } from '../../../shared/core/regulation/regulation';
import type { SaveScenarioResult } from '../../../shared/core/simulation/save-scenario';
import type { Scenario } from '../../../shared/core/simulation/scenario';
import type { SimulationResult } from '../../../shared/core/simulation/simulation-result';
import { apiGet, apiSend } from '../api-client';
import { columns, horizontalBars } from '../charts';
import { h, notice, replace, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatDateTime, formatMonth, formatRupiah } from '../format';
import { t, type Text } from '../i18n';
import type { PageContext } from '../main';
import { pickRegulation } from '../regulation-picker';
import { href, navigate } from '../router';
import { scenarioEditor } from '../scenario-editor';
import { hasRole } from '../session';
import { comparisonRows, comparisonSheet, difference, monthSheet, segmentFigures, segmentNames } from '../simulation-figures';
import { errorNotice } from './error-notice';
import { MAX_COMPARED } from '../../../shared/documents/simulation/scenario-comparison';
import { tile } from './dashboard';
import { COHORT_LABELS } from './proposals';

const SAVED_LABELS: Record<SaveScenarioResult['outcome'], Text> = {
  created: 'Skenario {id} disimpan (versi {version}).',
  changed: 'Skenario {id} diubah: versi {version}.',
  unchanged: 'Skenario {id} tidak berubah: tetap versi {version}.',
};

/**
 * Budget simulation (issue #17): a regulation's what-if scenarios, one simulated in full (cohorts,
 * segments, a ceiling, who joins, leaves or ages out, each month, the years ahead) or two to four
 * compared side by side, downloaded or printed; finance and admins save new ones. Nothing here
 * changes a real budget: a scenario someone likes goes through the normal proposal.
 *
 * Address: `#/simulasi?regulation=ID&s=A&s=B`, one `s` per scenario shown.
 */
export async function simulationPage(main: HTMLElement, { route }: PageContext): Promise<void> {
  const picked = await pickRegulation(route, { withYear: false });
  const heading = h('h1', { tabindex: '-1' }, t('Simulasi anggaran'));
  if (!picked.regulation) {
    replace(main, heading, notice('status', t('Belum ada peraturan. Admin menerapkan peraturan lebih dulu.')));
    return;
  }
  const regulationId = picked.regulation.id;
  const scenariosPath = `/regulations/${encodeURIComponent(regulationId)}/scenarios`;
  const [{ scenarios }, regulation] = await Promise.all([
    apiGet<z.infer<typeof ScenarioList>>(scenariosPath),
    apiGet<Regulation>(`/regulations/${encodeURIComponent(regulationId)}`),
  ]);
  const chosen = [...new Set(route.query.getAll('s'))].filter((id) => scenarios.some((s) => s.id === id)).slice(0, MAX_COMPARED);
  const simulated = await Promise.allSettled(chosen.map((id) => apiGet<SimulationResult>(`${scenariosPath}/${encodeURIComponent(id)}/simulation`)));
  const results = simulated.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failures = simulated.flatMap((s, i) => (s.status === 'rejected' ? [h('div', {}, h('p', {}, t('Skenario {id} tidak dapat disimulasikan:', { id: chosen[i]! })), errorNotice(s.reason))] : []));
  const show = (ids: readonly string[], extra: Record<string, string> = {}) =>
    navigate(`#/simulasi?${new URLSearchParams([['regulation', regulationId], ...ids.map((id) => ['s', id]), ...Object.entries(extra)])}`);
  const saved = savedNotice(route.query);
  const template = chosen.length === 1 ? scenarios.find((s) => s.id === chosen[0]) : undefined;

  replace(
    main,
    heading,
    picked.form,
    h('p', { class: 'lead' }, t('Skenario "bagaimana jika" untuk {title}: tidak mengubah anggaran, roster atau peraturan yang sebenarnya.', { title: picked.regulation.title })),
    saved,
    scenarioPicker(scenarios, chosen, show),
    ...failures,
    results.length === 1 ? scenarioDetail(results[0]!, regulationId) : undefined,
    results.length > 1 ? comparison(results, regulationId, show) : undefined,
    hasRole('admin', 'finance')
      ? scenarioEditor(regulation, Number(route.query.get('year')) || new Date().getFullYear() + 1, template, (result) =>
          show([result.scenario.id], { saved: result.outcome, version: String(result.scenario.version) }),
        )
      : undefined,
  );
  if (saved) saved.focus();
}

function savedNotice(query: URLSearchParams): HTMLElement | undefined {
  const outcome = query.get('saved') as SaveScenarioResult['outcome'] | null;
  const id = query.getAll('s')[0];
  if (!outcome || !(outcome in SAVED_LABELS) || !id) return undefined;
  const element = notice('status', t(SAVED_LABELS[outcome], { id, version: query.get('version') ?? '' }));
  element.tabIndex = -1;
  return element;
}

/** The regulation's scenarios, each ticked to show it; one shows in full, two to four side by side. */
function scenarioPicker(scenarios: readonly Scenario[], chosen: readonly string[], show: (ids: readonly string[]) => void): HTMLElement {
  if (scenarios.length === 0) return notice('status', t('Belum ada skenario untuk peraturan ini.'));
  const result = h('div', {});
  const form = h(
    'form',
    { 'aria-labelledby': 'scenarios-heading' },
    h('h2', { id: 'scenarios-heading' }, t('Skenario')),
    table(
      t('Skenario tersimpan, versi terakhir'),
      [t('Skenario'), t('ID'), t('Tahun anggaran'), t('Versi'), t('Disimpan oleh'), t('Disimpan')],
      scenarios.map((s) => [
        h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 's', value: s.id, checked: chosen.includes(s.id) }), ' ', s.name),
        s.id,
        String(s.year),
        String(s.version),
        s.savedBy,
        formatDateTime(s.savedAt),
      ]),
      { stack: true },
    ),
    h('p', { class: 'hint' }, t('Centang satu skenario untuk rinciannya, atau dua sampai empat untuk membandingkannya.')),
    h('button', { type: 'submit', class: 'primary' }, t('Tampilkan skenario')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ids = [...form.querySelectorAll<HTMLInputElement>('input[name=s]:checked')].map((input) => input.value);
    if (ids.length === 0 || ids.length > MAX_COMPARED) {
      replace(result, notice('alert', t('Pilih satu sampai empat skenario.')));
      return;
    }
    show(ids);
  });
  return form;
}

/** One scenario in full. */
function scenarioDetail(r: SimulationResult, regulationId: string): HTMLElement {
  const names = segmentNames([r]);
  const name = (code: string) => names.get(code) ?? code;
  const segments = segmentFigures(r);
  const lastYear = r.projection.at(-1);
  return h(
    'section',
    { 'aria-labelledby': 'scenario-heading', class: 'simulation' },
    h('h2', { id: 'scenario-heading' }, r.name, ' ', h('small', {}, `${r.scenarioId}${r.scenarioVersion ? ` v${r.scenarioVersion}` : ''}`)),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Tahun anggaran')),
      h('dd', {}, String(r.year)),
      h('dt', {}, t('Dasar perhitungan')),
      h('dd', {}, `${t('peraturan')} v${r.basis.regulationVersion} · roster v${r.basis.rosterVersion} · ${t('tarif')} ${r.basis.rateScheduleVersion}`),
    ),
    h(
      'ul',
      { class: 'tiles', 'aria-label': t('Ringkasan') },
      tile(t('Jumlah biaya'), formatRupiah(r.total), 'sim-total'),
      tile(t('Peserta'), formatCount(r.totalHeadcount), 'sim-headcount'),
      r.ceiling ? tile(t('Didanai dengan pagu'), `${formatCount(r.ceiling.fundedHeadcount)} / ${formatCount(r.ceiling.fundedHeadcount + r.ceiling.unfundedHeadcount)}`, 'sim-funded') : undefined,
      lastYear && r.projection.length > 1 ? tile(t('Proyeksi {year}', { year: lastYear.year }), formatRupiah(lastYear.total)) : undefined,
    ),
    printActions(),
    exportButtons(`simulasi-${regulationId}-${r.scenarioId}`, 'Simulasi', () => comparisonSheet([r]), t('Ringkasan')),
    h('h3', {}, t('Kohort')),
    table(
      t('Biaya per kohort'),
      [t('Kohort'), t('Mulai'), t('Peserta'), t('Jumlah')],
      r.cohorts.map((c) => [t(COHORT_LABELS[c.cohort]), formatMonth(c.startMonth), formatCount(c.totalHeadcount), formatRupiah(c.total)]),
      { numeric: [2, 3], footer: [t('Jumlah'), '', formatCount(r.totalHeadcount), formatRupiah(r.total)] },
    ),
    r.scenarioVersion !== undefined && hasRole('admin', 'finance') ? proposalRequest(r, r.scenarioVersion, regulationId) : undefined,
    h('h3', {}, t('Per segmen')),
    horizontalBars({
      title: t('Biaya per segmen'),
      description: segments.map((s) => `${s.name}: ${formatRupiah(s.amount)}`).join('; '),
      categories: segments.map((s) => s.name),
      series: [{ label: t('Jumlah'), className: 'series-0', values: segments.map((s) => s.amount) }],
      format: formatRupiah,
    }),
    table(
      t('Peserta dan biaya per segmen, semua kohort'),
      [t('Segmen'), t('Prioritas'), t('Peserta'), t('Jumlah')],
      segments.map((s) => [s.name, String(s.priority), formatCount(s.headcount), formatRupiah(s.amount)]),
      { numeric: [1, 2, 3], footer: [t('Jumlah'), '', formatCount(r.totalHeadcount), formatRupiah(r.total)] },
    ),
    r.ceiling ? ceilingSection(r.ceiling, name) : undefined,
    movementSection(r, name),
    h('h3', {}, t('Per bulan')),
    table(
      t('Peserta dan iuran per bulan'),
      [t('Bulan'), t('Peserta'), t('Jumlah'), ...[...names.values()]],
      r.months.map((m) => [formatMonth(m.month), formatCount(m.headcount), formatRupiah(m.amount), ...[...names.keys()].map((code) => formatRupiah(m.segments[code]?.amount ?? 0))]),
      { numeric: [1, 2, ...[...names.keys()].map((_, i) => i + 3)] },
    ),
    exportButtons(`simulasi-${regulationId}-${r.scenarioId}-bulan`, t('Per bulan'), () => monthSheet(r), t('Per bulan')),
    h('h3', {}, t('Proyeksi')),
    columns({
      title: t('Proyeksi jumlah biaya per tahun'),
      description: r.projection.map((p) => `${p.year}: ${formatRupiah(p.total)}`).join('; '),
      categories: r.projection.map((p) => String(p.year)),
      series: [{ label: t('Jumlah'), className: 'series-0', values: r.projection.map((p) => p.total) }],
      format: formatRupiah,
    }),
    table(
      t('Proyeksi per tahun'),
      [t('Tahun'), t('Bulan'), t('Peserta'), t('Keluar batas usia'), t('Pertumbuhan'), t('Jumlah'), ...(r.ceiling ? [t('Didanai dengan pagu (Rp)')] : [])],
      r.projection.map((p) => [
        String(p.year),
        String(p.months),
        formatCount(p.totalHeadcount),
        formatCount(p.segments.reduce((n, s) => n + s.agedOut, 0)),
        formatCount(p.segments.reduce((n, s) => n + s.grown, 0)),
        formatRupiah(p.total),
        ...(r.ceiling ? [p.funded === undefined ? '—' : formatRupiah(p.funded)] : []),
      ]),
      { numeric: [1, 2, 3, 4, 5, 6] },
    ),
  );
}

/**
 * A real proposal for one of the scenario's cohorts, requested through the normal path: computed
 * from the roster, waiting for another finance officer. The page of the proposal opens once requested.
 */
function proposalRequest(r: SimulationResult, version: number, regulationId: string): HTMLElement {
  const result = h('div', {});
  const request = (startMonth: string) =>
    apiSend<Proposal>('POST', `/regulations/${encodeURIComponent(regulationId)}/scenarios/${encodeURIComponent(r.scenarioId)}/proposal`, { version, startMonth, clientToken: crypto.randomUUID() }).then(
      (proposal) => navigate(href('keputusan', proposal.proposalId)),
      (error: unknown) => replace(result, errorNotice(error)),
    );
  return h(
    'div',
    { class: 'card' },
    h('h3', {}, t('Minta usulan anggaran nyata')),
    h('p', { class: 'hint' }, t('Usulan nyata dihitung dari roster saat ini dan menunggu keputusan petugas keuangan lain. Skenario yang mengubah peraturan diterapkan dulu sebagai perubahan peraturan.')),
    h(
      'p',
      { class: 'actions' },
      ...r.cohorts.map((c) => h('button', { type: 'button', onclick: () => void request(c.startMonth) }, t('Minta usulan {cohort} mulai {month}', { cohort: t(COHORT_LABELS[c.cohort]), month: formatMonth(c.startMonth) }))),
    ),
    result,
  );
}

function ceilingSection(ceiling: NonNullable<SimulationResult['ceiling']>, name: (code: string) => string): HTMLElement[] {
  return [
    h('h3', {}, t('Pagu {ceiling}', { ceiling: formatRupiah(ceiling.ceiling) })),
    table(
      t('Yang didanai dengan pagu, menurut prioritas'),
      [t('Segmen'), t('Didanai'), t('Tidak didanai'), t('Jumlah')],
      ceiling.segments.map((s) => [name(s.segment), formatCount(s.funded), formatCount(s.unfunded), formatRupiah(s.amount)]),
      { numeric: [1, 2, 3], footer: [t('Jumlah'), formatCount(ceiling.fundedHeadcount), formatCount(ceiling.unfundedHeadcount), formatRupiah(ceiling.amount)] },
    ),
    h('p', { 'data-testid': 'sim-unspent' }, t('Sisa pagu, tidak cukup untuk orang berikutnya: {amount}', { amount: formatRupiah(ceiling.unspent) })),
  ];
}

function movementSection(r: SimulationResult, name: (code: string) => string): HTMLElement {
  const months = [...new Set(r.movements.flatMap((m) => Object.keys(m.agingOut)))].sort();
  const agingOut = (m: SimulationResult['movements'][number]) => Object.values(m.agingOut).reduce((a, b) => a + b, 0);
  return h(
    'div',
    {},
    h('h3', {}, t('Perubahan peserta')),
    table(
      t('Peraturan saat ini dibanding skenario'),
      [t('Segmen'), t('Saat ini'), t('Skenario'), t('Bertambah'), t('Berkurang'), t('Keluar batas usia')],
      r.movements.map((m) => [name(m.segment), formatCount(m.current), formatCount(m.simulated), formatCount(m.added), formatCount(m.dropped), formatCount(agingOut(m))]),
      { numeric: [1, 2, 3, 4, 5] },
    ),
    months.length === 0
      ? h('p', {}, t('Tidak ada yang melewati batas usia tahun ini.'))
      : table(
          t('Keluar batas usia per bulan (Januari tahun berikutnya: saat perpanjangan)'),
          [t('Bulan'), ...r.movements.map((m) => name(m.segment)), t('Jumlah')],
          months.map((month) => [formatMonth(month), ...r.movements.map((m) => formatCount(m.agingOut[month] ?? 0)), formatCount(r.movements.reduce((n, m) => n + (m.agingOut[month] ?? 0), 0))]),
          { numeric: r.movements.map((_, i) => i + 1).concat(r.movements.length + 1) },
        ),
  );
}

/** Two to four scenarios side by side, each after the first with its difference from the first. */
function comparison(results: readonly SimulationResult[], regulationId: string, show: (ids: readonly string[]) => void): HTMLElement {
  const rows = comparisonRows(results);
  const figure = (kind: 'rupiah' | 'count', value: number | undefined) => (value === undefined ? '—' : kind === 'rupiah' ? formatRupiah(value) : formatCount(value));
  const signed = (kind: 'rupiah' | 'count', value: number | undefined) => (value === undefined ? '—' : value > 0 ? `+${figure(kind, value)}` : value < 0 ? `−${figure(kind, -value)}` : '0');
  const headers = [t('Uraian'), ...results.flatMap((r, i) => (i === 0 ? [r.name] : [r.name, t('Selisih {name}', { name: r.name })]))];
  const years = [...new Set(results.flatMap((r) => r.projection.map((p) => p.year)))].sort((a, b) => a - b);
  const bars = years.flatMap((year) => results.map((r) => ({ label: `${year} · ${r.name}`, value: r.projection.find((p) => p.year === year)?.total ?? 0 })));
  return h(
    'section',
    { 'aria-labelledby': 'comparison-heading', class: 'simulation' },
    h('h2', { id: 'comparison-heading' }, t('Perbandingan skenario')),
    h('p', { class: 'actions' }, ...results.map((r) => h('a', { href: '#', onclick: (event: Event) => (event.preventDefault(), show([r.scenarioId])) }, t('Rincian {name}', { name: r.name })))),
    printActions(),
    exportButtons(`simulasi-${regulationId}-perbandingan`, 'Perbandingan', () => comparisonSheet(results)),
    table(
      t('Perbandingan {n} skenario, selisih terhadap {first}', { n: results.length, first: results[0]!.name }),
      headers,
      rows.map((row) => [row.label, ...results.flatMap((_, i) => (i === 0 ? [figure(row.kind, row.values[0])] : [figure(row.kind, row.values[i]), signed(row.kind, difference(row, i))]))]),
      { numeric: headers.map((_, i) => i).slice(1) },
    ),
    horizontalBars({
      title: t('Jumlah biaya per tahun per skenario'),
      description: bars.map((b) => `${b.label}: ${formatRupiah(b.value)}`).join('; '),
      categories: bars.map((b) => b.label),
      series: [{ label: t('Jumlah'), className: 'series-0', values: bars.map((b) => b.value) }],
      format: formatRupiah,
    }),
  );
}

/** Printing (or saving as PDF) the page: the print stylesheet leaves out the menu, forms and buttons. */
function printActions(): HTMLElement {
  return h('p', { class: 'actions' }, h('button', { type: 'button', onclick: () => window.print() }, t('Cetak / PDF')));
}
