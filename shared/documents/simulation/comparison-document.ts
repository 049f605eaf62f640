import type { SimulationResult } from '../../core/simulation/simulation-result';
import { formatCount } from '../../core/people/people-count';
import { formatRupiah } from '../../core/money/rupiah';
import { formatIndonesianDateTime } from '../../core/calendar/indonesian-dates';
import { legalBasisTitle } from '../../core/regulation/legal-basis-title';
import { type BudgetRegulation, html, type Markup, printedPage } from '../budget-document';
import { type ComparisonRow, compareSimulations, scenarioColumn } from './scenario-comparison';

const TITLE = 'Perbandingan Skenario Anggaran Iuran Jaminan Sosial Ketenagakerjaan';

export interface ComparisonDocumentOptions {
  /** When the document was produced (ISO timestamp), printed in the footer. */
  generatedAt: string;
  /** The regulation's legal basis and account code; without it their lines are left out. */
  regulation?: BudgetRegulation;
}

/**
 * The comparison as a printable A4 page in the budget document's style (budget-document.ts):
 * what BPKAD reads before proposing, so it says plainly that a scenario changes nothing real.
 */
export function comparisonDocumentHtml(results: readonly SimulationResult[], options: ComparisonDocumentOptions): string {
  const rows = compareSimulations(results);
  const columns = results.map(scenarioColumn);
  const first = results[0]!;
  return printedPage(`${TITLE} — ${first.regulationId}`, [
    html`<header>
<h1>${TITLE}</h1>
<p class="regulation">${first.regulationId}</p>
<dl class="facts">
${options.regulation && html`<dt>Dasar hukum</dt><dd>${legalBasisTitle(options.regulation)}</dd><dt>Kode rekening</dt><dd class="account">${options.regulation.accountCode}</dd>`}
<dt>Tahun Anggaran</dt><dd>${[...new Set(results.map((r) => r.year))].join(', ')}</dd>
<dt>Keterangan</dt><dd>Simulasi: tidak ada yang diubah. Usulan anggaran diajukan melalui jalur biasa.</dd>
</dl>
</header>`,
    html`<section>
<h2>Skenario</h2>
<table>
<thead><tr><th>Skenario</th><th>Nama</th><th class="num">Tahun</th><th>Dasar perhitungan</th></tr></thead>
<tbody>
${results.map(
  (r, i) => html`<tr><td><strong>${columns[i]!}</strong></td><td>${r.name}</td><td class="num">${r.year}</td><td>Peraturan v${r.basis.regulationVersion} · roster v${r.basis.rosterVersion} · tarif ${r.basis.rateScheduleVersion}</td></tr>`,
)}
</tbody>
</table>
</section>`,
    html`<section>
<h2>Perbandingan</h2>
<table>
<thead><tr><th></th>${columns.map((c) => html`<th class="num">${c}</th>`)}${columns.slice(1).map((c) => html`<th class="num">Selisih ${c}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr class="${row.measure === 'total' ? 'total' : ''}"><td>${row.label}</td>${row.values.map((v) => figure(row, v))}${row.differences.map((d) => figure(row, d, true))}</tr>`)}
</tbody>
</table>
<p class="muted">Selisih dihitung terhadap skenario pertama (${columns[0]!}).</p>
</section>`,
    html`<footer>
<p>Dibuat ${formatIndonesianDateTime(options.generatedAt)} · ${first.regulationId}</p>
</footer>`,
  ]);
}

function figure(row: ComparisonRow, value: number | null, signed = false): Markup {
  if (value === null) return html`<td class="num">—</td>`;
  const text = row.unit === 'rupiah' ? formatRupiah(value) : formatCount(value);
  return html`<td class="num">${signed && value > 0 ? `+${text}` : text}</td>`;
}
