import { proposalMonths } from '../core/budget/cohort-months';
import type { Proposal } from '../api/budget-schemas';
import { maskNik, maskPersonalData } from '../core/people/personal-data';
import { formatRupiah, multiplyRupiah } from '../core/money/rupiah';
import { terbilangRupiah } from '../core/money/terbilang';
import { regionPlaceName } from '../core/people/regions';
import { legalBasisTitle } from '../core/regulation/legal-basis-title';
import type { RegulationInput } from '../core/regulation/regulation';
import { cellText, rupiahCell, type SheetCell } from './spreadsheets/sheet-cell';
import { escapeXml } from './spreadsheets/xml-escape';
import { formatIndonesianDate, formatIndonesianDateTime, formatIndonesianMonth, formatIndonesianMonthRange } from '../core/calendar/indonesian-dates';

/**
 * The budget document of a proposal: what the regional finance office (BPKAD) prints, signs and
 * files with the APBD, and the same figures as spreadsheet rows. Each segment's amount is shown
 * with the multiplication it comes from, so a reader can check it by hand, and the amounts are
 * spelt out in words (terbilang), as BPKAD files them, under the regulation's legal basis and the
 * APBD account (kode rekening) they are paid from.
 *
 * Free text (names, notes, reasons) is user input: it is HTML-escaped, and any NIK-shaped number
 * in it is masked, as for everything that leaves the system for people to read (personal-data.ts).
 */

type SegmentBudget = Proposal['segments'][number];
type SegmentAllocation = NonNullable<Proposal['allocation']>[number];
type DecisionKind = NonNullable<Proposal['decision']>['decision'];

export interface BudgetDocumentOptions {
  /** When the document was produced (ISO timestamp), printed in the footer and by the signatures. */
  generatedAt: string;
  /** See BudgetRegulation; without it its lines are left to be filled in by hand. */
  regulation?: BudgetRegulation;
}

/**
 * What the document needs of the regulation the proposal was computed under (its snapshot's
 * version): the legal basis, the account code and the region, where the document is signed.
 */
export type BudgetRegulation = Pick<RegulationInput, 'legalBasis' | 'jurisdiction' | 'accountCode'>;

/** A blank to fill in by hand on the printed page. */
const BLANK = '.......................................';

const TITLE = 'Dokumen Anggaran Iuran Jaminan Sosial Ketenagakerjaan';

const COHORT_LABELS: Record<Proposal['cohort'], string> = {
  original: 'APBD murni',
  perubahan: 'APBD-Perubahan',
};

const DECISION_LABELS: Record<DecisionKind, string> = {
  approve: 'Disetujui',
  'approve-with-ceiling': 'Disetujui dengan pagu',
  reject: 'Ditolak',
  'request-revision': 'Perlu revisi',
};

/** The columns of budgetDocumentRows; key/value rows below the table use the first two. */
const ROW_HEADER = ['Segmen', 'Nama', 'Prioritas', 'Jumlah Peserta', 'Iuran per Bulan', 'Bulan', 'Jumlah (Rp)'] as const;

// ---------------------------------------------------------------------------------------------
// Figures shared by the page and the rows

/** Eligible people over the segment's quota (segment-quota.ts): not in the amount unless finance funds them explicitly. */
function overTargetText(segment: SegmentBudget): string {
  return `${formatCount(segment.overTarget ?? 0)} orang di atas target, ${formatRupiah(segment.overTargetAmount ?? 0)}, tidak termasuk jumlah kecuali disetujui tersendiri`;
}

/**
 * People of the segment an earlier cohort of the year funds already: listed so that the headcount
 * can be checked against the roster, with no money (one premium per person per year).
 */
function alreadyFundedText(segment: SegmentBudget): string {
  const moved = Object.entries(segment.movedFrom ?? {}).map(([from, count]) => `${formatCount(count)} pindah dari ${from}`);
  return `${formatCount(segment.alreadyFunded ?? 0)} orang sudah didanai tahun ini, tanpa biaya${moved.length > 0 ? ` (${moved.join(', ')})` : ''}`;
}
// ---------------------------------------------------------------------------------------------

/** The months the proposal funds: from its start month to its end month. */
interface Coverage {
  from: string;
  to: string;
  months: number;
}

function coverageOf(proposal: Proposal): Coverage {
  const months = proposalMonths(proposal);
  return { from: months[0]!, to: months.at(-1)!, months: months.length };
}

/** The lowest and highest monthly premium of a segment; equal when the rate is the same all year. */
interface PremiumSpread {
  min: number;
  max: number;
}

function premiumSpread(segment: SegmentBudget): PremiumSpread | undefined {
  if (segment.monthlyPremiums.length === 0) return undefined;
  const premiums = segment.monthlyPremiums.map((m) => m.premium);
  return { min: Math.min(...premiums), max: Math.max(...premiums) };
}

function isUniform(spread: PremiumSpread): boolean {
  return spread.min === spread.max;
}

/** Without a decision, the status says whether one is still awaited. */
function decisionLabel(proposal: Proposal): string {
  if (proposal.decision) return DECISION_LABELS[proposal.decision.decision];
  switch (proposal.status) {
    case 'expired':
      return 'Kedaluwarsa';
    case 'failed':
      return 'Gagal dihitung';
    case 'computing':
      return 'Sedang dihitung';
    default:
      return 'Menunggu keputusan';
  }
}

/** The decision's notes, or the reason of a rejection: both are free text typed at BPKAD. */
function decisionText(proposal: Proposal): { label: string; text: string } | undefined {
  const decision = proposal.decision;
  if (decision?.reason) return { label: 'Alasan', text: maskPersonalData(decision.reason) };
  if (decision?.notes) return { label: 'Catatan', text: maskPersonalData(decision.notes) };
  return undefined;
}

/** `12928` → `12.928`: counts of people read like rupiah, with Indonesian thousands separators. */
function formatCount(count: number): string {
  const digits = Math.abs(count).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${count < 0 ? '-' : ''}${digits}`;
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet rows
// ---------------------------------------------------------------------------------------------

/**
 * The document as rows for CsvWriter/XlsxWriter: the header, one row per segment, `TOTAL`, then
 * key/value rows. Headcounts and amounts are numbers (sheet-cell.ts) so that a spreadsheet can
 * sum them; the account code, versions and hashes stay text. Every row is as wide as the header,
 * as strict CSV readers expect.
 */
export function budgetDocumentSheet(proposal: Proposal, regulation?: BudgetRegulation): SheetCell[][] {
  const keyValue = (key: string, value: SheetCell | undefined): SheetCell[] => padded([key, value ?? '']);
  const money = (amount: number | undefined) => (amount === undefined ? undefined : rupiahCell(amount));
  const decision = proposal.decision;
  return [
    [...ROW_HEADER],
    ...proposal.segments.map((segment) =>
      padded([segment.segment, segment.name, segment.priority, segment.headcount, premiumCell(segment), segment.months, rupiahCell(segment.amount)]),
    ),
    padded(['TOTAL', '', '', proposal.totalHeadcount, '', '', rupiahCell(proposal.total)]),
    keyValue('Terbilang', terbilangRupiah(proposal.total)),
    keyValue('Dasar hukum', regulation && legalBasisTitle(regulation)),
    keyValue('Kode rekening', regulation?.accountCode),
    keyValue('Pagu', money(decision?.ceiling)),
    keyValue('Disetujui', money(proposal.approvedAmount)),
    ...(proposal.approvedAmount !== undefined ? [keyValue('Terbilang disetujui', terbilangRupiah(proposal.approvedAmount))] : []),
    keyValue('Keputusan', decisionLabel(proposal)),
    keyValue('Diputuskan oleh', decision?.decidedBy),
    keyValue('Tanggal', decision ? formatIndonesianDate(decision.decidedAt) : undefined),
    keyValue('Catatan', decisionText(proposal)?.text),
    ...(proposal.review ? [keyValue('Ditinjau oleh', reviewText(proposal.review))] : []),
    keyValue('Snapshot', proposal.snapshot?.hash),
    keyValue('Versi roster', proposal.snapshot && String(proposal.snapshot.rosterVersion)),
    keyValue('Versi tarif', proposal.snapshot?.rateScheduleVersion),
    keyValue('Stale', staleCell(proposal)),
    ...proposal.segments.filter((segment) => segment.overTarget).map((segment) => keyValue(`Di atas target ${segment.segment}`, overTargetText(segment))),
    ...proposal.segments.filter((segment) => segment.alreadyFunded).map((segment) => keyValue(`Sudah didanai ${segment.segment}`, alreadyFundedText(segment))),
    ...renewalRows(proposal),
  ];
}

/** The same rows as text, for the console's downloads, which take text cells. */
export function budgetDocumentRows(proposal: Proposal, regulation?: BudgetRegulation): string[][] {
  return budgetDocumentSheet(proposal, regulation).map((row) => row.map(cellText));
}

function padded(cells: SheetCell[]): SheetCell[] {
  return [...cells, ...Array<string>(Math.max(0, ROW_HEADER.length - cells.length)).fill('')];
}

/** Rp16.800 as a number, or the text `8400-16800` when the premium changes during the year. */
function premiumCell(segment: SegmentBudget): SheetCell {
  const spread = premiumSpread(segment);
  if (!spread) return '';
  return isUniform(spread) ? rupiahCell(spread.min) : `${spread.min}-${spread.max}`;
}

function staleCell(proposal: Proposal): string {
  if (!proposal.stale) return 'Tidak';
  const reasons = (proposal.staleBecause ?? []).map(maskPersonalData);
  return reasons.length > 0 ? `Ya: ${reasons.join('; ')}` : 'Ya';
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/**
 * Markup built by `html`. Anything interpolated into `html` that is not Markup is escaped, so
 * forgetting to escape a user-typed value is not possible. Exported for the other printed
 * documents in this style (the scenario comparison).
 */
export class Markup {
  constructor(readonly value: string) {}
}

type Interpolation = Markup | string | number | undefined | false | readonly Interpolation[];

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => (out += render(value) + (strings[i + 1] ?? '')));
  return new Markup(out);
}

function render(value: Interpolation): string {
  if (value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // HTML text and double-quoted attributes need the same escapes as XML; escapeXml also drops
  // control characters a pasted note may carry.
  return escapeXml(String(value));
}

/**
 * A printable, self-contained HTML5 page (A4 portrait) in the budget document's style: inline CSS,
 * no scripts and nothing loaded from elsewhere, which the Content-Security-Policy also enforces
 * in case a value ever slipped through unescaped. The other printed documents (the scenario
 * comparison) are pages of this kind too.
 */
export function printedPage(title: string, sections: readonly Interpolation[]): string {
  const page = html`<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<main class="page">
${sections.map((section) => html`${section}
`)}</main>
</body>
</html>
`;
  return page.value;
}

export function budgetDocumentHtml(proposal: Proposal, options: BudgetDocumentOptions): string {
  const coverage = coverageOf(proposal);
  return printedPage(`${TITLE} — ${proposal.title} — Tahun Anggaran ${proposal.year}`, [
    headerSection(proposal, coverage, options.regulation),
    staleWarning(proposal),
    failureNotice(proposal),
    segmentSection(proposal),
    renewalSection(proposal),
    decisionSection(proposal),
    allocationSection(proposal),
    signatureSection(proposal, options),
    footerSection(proposal, options),
  ]);
}

function headerSection(proposal: Proposal, coverage: Coverage, regulation: BudgetRegulation | undefined): Markup {
  return html`<header>
<h1>${TITLE}</h1>
<p class="regulation">${proposal.title}<br><span class="muted">${proposal.regulationId}</span></p>
<dl class="facts">
<dt>Dasar hukum</dt><dd>${regulation ? legalBasisTitle(regulation) : BLANK}</dd>
<dt>Kode rekening</dt><dd class="account">${regulation?.accountCode ?? BLANK}</dd>
<dt>Nomor usulan</dt><dd>${proposal.proposalId}</dd>
<dt>Tahun Anggaran</dt><dd>${proposal.year}</dd>
<dt>Jenis anggaran</dt><dd>${COHORT_LABELS[proposal.cohort]}</dd>
<dt>Masa pertanggungan</dt><dd>${formatIndonesianMonthRange(coverage.from, coverage.to)}, ${coverage.months} bulan</dd>
<dt>Diajukan oleh</dt><dd>${proposal.requestedBy}, ${formatIndonesianDate(proposal.requestedAt)}</dd>
<dt>Batas keputusan</dt><dd>${formatIndonesianDate(proposal.decideBy)}</dd>
<dt>Status</dt><dd>${decisionLabel(proposal)}</dd>
</dl>
</header>`;
}

function staleWarning(proposal: Proposal): Markup | undefined {
  if (!proposal.stale) return undefined;
  const reasons = (proposal.staleBecause ?? []).map(maskPersonalData);
  return html`<section class="warning" role="alert">
<p><strong>PERINGATAN: usulan ini sudah usang (stale).</strong> Roster, tarif atau peraturan berubah setelah snapshot usulan ini dibuat, sehingga usulan ini tidak dapat dipakai untuk pendaftaran peserta. Ajukan usulan baru.</p>
${reasons.length > 0 && html`<ul>${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`}
</section>`;
}

function failureNotice(proposal: Proposal): Markup | undefined {
  if (proposal.status !== 'failed') return undefined;
  return html`<section class="warning" role="alert">
<p><strong>Perhitungan usulan ini gagal.</strong> ${proposal.failure ? maskPersonalData(proposal.failure) : ''}</p>
</section>`;
}

function segmentSection(proposal: Proposal): Markup {
  const varying = proposal.segments.filter((segment) => {
    const spread = premiumSpread(segment);
    return spread !== undefined && !isUniform(spread);
  });
  return html`<section>
<h2>Rincian Anggaran per Segmen</h2>
<table class="segments">
<thead><tr><th>Segmen</th><th class="num">Prioritas</th><th class="num">Jumlah Peserta</th><th class="num">Iuran per Bulan</th><th class="num">Bulan</th><th>Perhitungan</th><th class="num">Jumlah</th></tr></thead>
<tbody>
${proposal.segments.length === 0 ? html`<tr><td colspan="7" class="muted">Tidak ada segmen.</td></tr>` : proposal.segments.map(segmentRow)}
</tbody>
<tfoot><tr class="total"><td>Total</td><td></td><td class="num">${formatCount(proposal.totalHeadcount)}</td><td></td><td></td><td></td><td class="num">${formatRupiah(proposal.total)}</td></tr></tfoot>
</table>
<p class="terbilang">Terbilang: <em>${terbilangRupiah(proposal.total)}</em></p>
${varying.map(monthBreakdown)}
</section>`;
}

function segmentRow(segment: SegmentBudget): Markup {
  const spread = premiumSpread(segment);
  return html`<tr>
<td><strong>${segment.segment}</strong><br>${segment.name}</td>
<td class="num">${segment.priority}</td>
<td class="num">${formatCount(segment.headcount)}${segment.overTarget ? html`<br><span class="muted">${overTargetText(segment)}</span>` : ''}${segment.alreadyFunded ? html`<br><span class="muted">${alreadyFundedText(segment)}</span>` : ''}</td>
<td class="num">${premiumText(spread)}</td>
<td class="num">${segment.months}</td>
<td class="equation">${equation(segment, spread)}</td>
<td class="num">${formatRupiah(segment.amount)}</td>
</tr>`;
}

function premiumText(spread: PremiumSpread | undefined): string {
  if (!spread) return '—';
  return isUniform(spread) ? formatRupiah(spread.min) : `${formatRupiah(spread.min)}–${formatRupiah(spread.max)}`;
}

/** `3.844 × Rp16.800 × 12 = Rp774.950.400`; with premiums that change, a sum over the months. */
function equation(segment: SegmentBudget, spread: PremiumSpread | undefined): Markup {
  const amount = formatRupiah(segment.amount);
  if (!spread) return html`<span class="term">= ${amount}</span>`;
  if (isUniform(spread)) {
    return html`<span class="term">${formatCount(segment.headcount)} × ${formatRupiah(spread.min)} × ${segment.months}</span> <span class="term">= ${amount}</span>`;
  }
  return html`<span class="term">Σ per bulan (${formatCount(segment.headcount)} × iuran bulan)</span> <span class="term">= ${amount}</span>`;
}

/** Under the table, for a segment whose premium changes during the year: each month's product. */
function monthBreakdown(segment: SegmentBudget): Markup {
  return html`<table class="breakdown">
<caption>Rincian iuran per bulan: ${segment.segment} — ${segment.name}</caption>
<thead><tr><th>Bulan</th><th class="num">Iuran</th><th>Perhitungan</th><th class="num">Jumlah</th></tr></thead>
<tbody>
${segment.monthlyPremiums.map(({ month, premium }) => {
  const amount = multiplyRupiah(segment.headcount, premium);
  return html`<tr><td>${formatIndonesianMonth(month)}</td><td class="num">${formatRupiah(premium)}</td><td class="equation">${formatCount(segment.headcount)} × ${formatRupiah(premium)}</td><td class="num">${formatRupiah(amount)}</td></tr>`;
})}
</tbody>
<tfoot><tr class="total"><td>Σ ${segment.monthlyPremiums.length} bulan</td><td></td><td></td><td class="num">${formatRupiah(segment.amount)}</td></tr></tfoot>
</table>`;
}

const LEAVER_LABELS: Record<keyof NonNullable<Proposal['renewal']>['leaverReasons'], string> = {
  'aged-out': 'di luar batas usia',
  deceased: 'meninggal dunia',
  removed: 'diberhentikan dari segmen',
  'other-regulation': 'ditanggung peraturan lain',
  'segment-ended': 'segmen tidak berlaku lagi',
};

/** A renewal's proposal: the roster against last year's, per segment, so BPKAD sees what changed. */
function renewalSection(proposal: Proposal): Markup | undefined {
  const diff = proposal.renewal;
  if (!diff) return undefined;
  const names = new Map(proposal.segments.map((segment) => [segment.segment, segment.name]));
  const reasons = Object.entries(diff.leaverReasons).filter(([, n]) => n) as [keyof typeof LEAVER_LABELS, number][];
  const row = (label: Markup | string, d: typeof diff.totals) =>
    html`<tr><td>${label}</td>${[d.previous, d.unchanged, d.joiners, d.leavers, d.agingOut, d.next].map((n) => html`<td class="num">${formatCount(n)}</td>`)}</tr>`;
  return html`<section>
<h2>Perpanjangan: Perubahan Peserta dari Tahun ${diff.fromYear}</h2>
<table class="renewal">
<thead><tr><th>Segmen</th><th class="num">Peserta ${diff.fromYear}</th><th class="num">Tetap</th><th class="num">Baru</th><th class="num">Keluar</th><th class="num">Lewat batas usia dalam ${diff.year}</th><th class="num">Peserta ${diff.year}</th></tr></thead>
<tbody>
${diff.segments.filter((d) => d.previous + d.next > 0).map((d) => row(html`<strong>${d.segment}</strong>${names.has(d.segment) && html`<br>${names.get(d.segment)}`}`, d))}
</tbody>
<tfoot class="total">${row('Total', diff.totals)}</tfoot>
</table>
${reasons.length > 0 && html`<p>Keluar: ${reasons.map(([reason, n], i) => html`${i > 0 ? ', ' : ''}${formatCount(n)} ${LEAVER_LABELS[reason]}`)}. Pertanggungan mereka tidak diperpanjang.</p>`}
</section>`;
}

/** The renewal's diff as key/value rows under the segment table. */
function renewalRows(proposal: Proposal): SheetCell[][] {
  const diff = proposal.renewal;
  if (!diff) return [];
  const t = diff.totals;
  return [
    padded([`Peserta ${diff.fromYear}`, t.previous]),
    padded(['Tetap', t.unchanged]),
    padded(['Baru', t.joiners]),
    padded(['Keluar', t.leavers]),
    ...Object.entries(diff.leaverReasons).map(([reason, n]) => padded([`Keluar: ${LEAVER_LABELS[reason as keyof typeof LEAVER_LABELS]}`, n])),
    padded([`Lewat batas usia dalam ${diff.year}`, t.agingOut]),
  ];
}

function decisionSection(proposal: Proposal): Markup {
  const decision = proposal.decision;
  const text = decisionText(proposal);
  return html`<section>
<h2>Keputusan BPKAD</h2>
<dl class="facts">
<dt>Keputusan</dt><dd><strong>${decisionLabel(proposal)}</strong></dd>
<dt>Jumlah diusulkan</dt><dd>${formatRupiah(proposal.total)}</dd>
${decision?.ceiling !== undefined && html`<dt>Pagu</dt><dd>${formatRupiah(decision.ceiling)}</dd>`}
${proposal.approvedAmount !== undefined && html`<dt>Jumlah disetujui</dt><dd><strong>${formatRupiah(proposal.approvedAmount)}</strong><br><em>${terbilangRupiah(proposal.approvedAmount)}</em></dd>`}
${decision && html`<dt>Diputuskan oleh</dt><dd>${decision.decidedBy}</dd><dt>Tanggal keputusan</dt><dd>${formatIndonesianDate(decision.decidedAt)}</dd>`}
${!decision && proposal.status === 'expired' && html`<dt>Keterangan</dt><dd>Tidak diputuskan sampai ${formatIndonesianDate(proposal.decideBy)}.</dd>`}
${text && html`<dt>${text.label}</dt><dd class="notes">${text.text}</dd>`}
${proposal.review && html`<dt>Ditinjau oleh</dt><dd>${reviewText(proposal.review)}</dd>`}
</dl>
</section>`;
}

/** The review a system-requested proposal had before its approval (separation-of-duties.ts): who, when, and their notes. */
function reviewText(review: NonNullable<Proposal['review']>): string {
  return `${review.reviewedBy}, ${formatIndonesianDate(review.reviewedAt)}${review.notes ? ` (${maskPersonalData(review.notes)})` : ''}`;
}

function allocationSection(proposal: Proposal): Markup | undefined {
  const allocation = proposal.allocation;
  if (!allocation || allocation.length === 0) return undefined;
  const names = new Map(proposal.segments.map((segment) => [segment.segment, segment.name]));
  const sum = (pick: (a: SegmentAllocation) => number): number => allocation.reduce((total, a) => total + pick(a), 0);
  return html`<section>
<h2>Alokasi per Segmen</h2>
<table class="allocation">
<thead><tr><th>Segmen</th><th class="num">Didanai (orang)</th><th class="num">Tidak didanai (orang)</th><th class="num">Jumlah</th><th>NIK terakhir didanai</th></tr></thead>
<tbody>
${allocation.map(
  (a) => html`<tr>
<td><strong>${a.segment}</strong>${names.has(a.segment) && html`<br>${names.get(a.segment)}`}</td>
<td class="num">${formatCount(a.funded)}</td>
<td class="num">${formatCount(a.unfunded)}</td>
<td class="num">${formatRupiah(a.amount)}</td>
<td class="nik">${a.lastFundedNik ? maskNik(a.lastFundedNik) : '—'}</td>
</tr>`,
)}
</tbody>
<tfoot><tr class="total"><td>Total</td><td class="num">${formatCount(sum((a) => a.funded))}</td><td class="num">${formatCount(sum((a) => a.unfunded))}</td><td class="num">${formatRupiah(sum((a) => a.amount))}</td><td></td></tr></tfoot>
</table>
<p class="muted">Dalam segmen yang didanai sebagian, peserta didanai menurut urutan NIK sampai dengan NIK terakhir yang tercantum.</p>
</section>`;
}

/**
 * Where and when it is signed, then who proposes (the office whose user asked) and who approves
 * (the head of BPKAD): each with room to sign, a name and an NIP line. Lindung knows users by
 * their login, not their civil-service name and NIP, so those are left to be written in.
 */
function signatureSection(proposal: Proposal, options: BudgetDocumentOptions): Markup {
  const place = options.regulation ? regionPlaceName(options.regulation.jurisdiction) : undefined;
  return html`<section class="signing">
<p class="place-date">${place ?? BLANK}, ${formatIndonesianDate(options.generatedAt)}</p>
<div class="signatures">
<div class="signature"><p>Diusulkan oleh,<br>Pengusul</p><div class="space"></div><p class="name">(${BLANK})</p><p>NIP. ${BLANK}</p><p class="muted">Pengguna Lindung: ${proposal.requestedBy}</p></div>
<div class="signature"><p>Disetujui oleh,<br>Kepala BPKAD</p><div class="space"></div><p class="name">(${BLANK})</p><p>NIP. ${BLANK}</p>${proposal.decision && html`<p class="muted">Diputuskan di Lindung oleh ${proposal.decision.decidedBy}</p>`}</div>
</div>
</section>`;
}

function footerSection(proposal: Proposal, options: BudgetDocumentOptions): Markup {
  const snapshot = proposal.snapshot;
  return html`<footer>
<p>Snapshot: <span class="hash">${snapshot?.hash ?? '—'}</span></p>
<p>Versi roster: ${snapshot?.rosterVersion ?? '—'} · Versi tarif: ${snapshot?.rateScheduleVersion ?? '—'} · Versi peraturan: ${snapshot?.regulationVersion ?? '—'}</p>
<p>Dibuat ${formatIndonesianDateTime(options.generatedAt)} · ${proposal.proposalId}</p>
</footer>`;
}

/** Sized for A4 portrait; on screen the page is shown as a sheet, in print the margins come from @page. */
const STYLE = `
@page { size: A4 portrait; margin: 18mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #e5e5e5; color: #111; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; font-size: 10pt; line-height: 1.35; }
.page { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 18mm 15mm; background: #fff; }
h1 { margin: 0 0 4pt; font-size: 15pt; text-align: center; }
h2 { margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 1px solid #999; font-size: 11.5pt; }
.regulation { margin: 0 0 10pt; text-align: center; }
.muted { color: #555; font-size: 9pt; }
.facts { display: grid; grid-template-columns: 38mm 1fr; gap: 2pt 8pt; margin: 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
table { width: 100%; margin-bottom: 8pt; border-collapse: collapse; }
caption { padding: 4pt 0; font-weight: bold; text-align: left; }
th, td { padding: 2pt 3pt; border: 1px solid #777; text-align: left; vertical-align: top; font-size: 8.5pt; }
th { background: #eee; }
thead { display: table-header-group; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
/* Headers wrap so that the table fits an A4 page; figures never do. */
th, th.num { white-space: normal; }
.equation { font-size: 7.5pt; }
.term { white-space: nowrap; }
.total td { font-weight: bold; }
.notes { white-space: pre-wrap; }
.nik, .hash { font-family: "Courier New", monospace; }
.hash { word-break: break-all; }
.warning { margin: 10pt 0; padding: 6pt 8pt; border: 2px solid #b00020; background: #fdecea; }
.warning ul { margin: 4pt 0 0; }
.terbilang { margin: 0 0 8pt; }
.account { font-family: "Courier New", monospace; }
.signing { margin-top: 24pt; }
.place-date { margin: 0 0 6pt; text-align: right; }
.signatures { display: flex; justify-content: space-between; }
.signature { width: 45%; text-align: center; }
.signature p { margin: 0; }
.signature .space { height: 60pt; }
.signature .name { font-weight: bold; }
footer { margin-top: 18pt; padding-top: 4pt; border-top: 1px solid #999; color: #444; font-size: 8pt; }
footer p { margin: 1pt 0; }
tr, .warning, .signing, .facts { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; }
  th, .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
