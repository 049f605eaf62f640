import type { z } from 'zod';
import type { PeoplePage, Proposal } from '../../../shared/api/budget-schemas';
import { allocateCeiling } from '../../../shared/core/budget/allocate-ceiling';
import { type CohortSegment, lastYearCohort } from '../../../shared/core/budget/last-year-cohort';
import { withOverTargetFunded } from '../../../shared/core/budget/segment-quota';
import { smallestUsefulCeiling } from '../../../shared/core/budget/smallest-useful-ceiling';
import { parseRupiah } from '../../../shared/core/money/rupiah-text';
import { apiGet, apiGetAll, apiSend } from '../api-client';
import { field, h, notice, replace, table } from '../dom';
import { exportButtons } from '../export/export-buttons';
import { formatCount, formatDate, formatDateTime, formatRupiah, maskNik } from '../format';
import { t, type Text } from '../i18n';
import type { PageContext } from '../main';
import { href } from '../router';
import { currentSession, hasRole } from '../session';
import { errorNotice } from './error-notice';
import { COHORT_LABELS, STATUS_LABELS } from './proposals';
import { renewalDiffSection } from './renewal';

type Decision = 'approve' | 'approve-with-ceiling' | 'reject' | 'request-revision';

const DECISION_LABELS: Record<Decision, Text> = {
  approve: 'Setujui',
  'approve-with-ceiling': 'Setujui dengan pagu',
  reject: 'Tolak',
  'request-revision': 'Minta revisi',
};

/** A decision once made, as the budget document words it. */
const DECIDED_LABELS: Record<Decision, Text> = {
  approve: 'Disetujui',
  'approve-with-ceiling': 'Disetujui dengan pagu',
  reject: 'Ditolak',
  'request-revision': 'Perlu revisi',
};

/** One proposal: its figures and snapshot, the change from last year, and finance's decision. */
export async function proposalPage(main: HTMLElement, context: PageContext): Promise<void> {
  const proposalId = context.route.params[0] ?? '';
  const proposal = await apiGet<Proposal>(`/proposals/${encodeURIComponent(proposalId)}`);
  const proposals = await apiGetAll<Proposal>('/proposals', 'proposals', { regulationId: proposal.regulationId });
  const lastYear = lastYearCohort(proposals, proposal.regulationId, proposal.year);

  replace(
    main,
    h('h1', { tabindex: '-1' }, t('Usulan anggaran {year}', { year: proposal.year }), ' ', h('small', {}, proposal.proposalId)),
    h('p', { class: 'lead' }, proposal.title),
    proposal.stale ? notice('alert', t('Usulan ini usang: roster, tarif atau peraturan berubah sejak snapshot. Ajukan usulan baru.'), h('ul', {}, ...(proposal.staleBecause ?? []).map((reason) => h('li', {}, reason)))) : undefined,
    facts(proposal),
    segmentTable(proposal),
    h('p', { class: 'actions' }, h('a', { href: href('dokumen', proposal.proposalId), class: 'button' }, t('Dokumen anggaran (cetak, CSV, XLSX)'))),
    comparison(proposal, lastYear),
    proposal.renewal
      ? h('section', { 'aria-labelledby': 'renewal-diff-heading' }, h('h2', { id: 'renewal-diff-heading' }, t('Perubahan roster (perpanjangan)')), renewalDiffSection(proposal.renewal))
      : undefined,
    proposal.decision ? decisionSummary(proposal) : undefined,
    proposal.withdrawnDecisions ? withdrawnDecisions(proposal) : undefined,
    // Once reviewed, the page is drawn again with the review, and the focus goes to the decision form.
    reviewForm(proposal, () => void proposalPage(main, context).then(() => main.querySelector<HTMLElement>('#decide-heading')?.focus())),
    // Once decided, the page is drawn again with the decision, and the focus goes to it.
    decisionForm(proposal, () => void proposalPage(main, context).then(() => main.querySelector<HTMLElement>('[data-decision-result]')?.focus())),
    // Once withdrawn, the page is drawn again waiting for a decision, and the focus goes to the form.
    withdrawForm(proposal, () => void proposalPage(main, context).then(() => main.querySelector<HTMLElement>('#decide-heading')?.focus())),
  );
}

function facts(p: Proposal): HTMLElement {
  const rows: [Text, string | HTMLElement][] = [
    ['Status', h('strong', { 'data-testid': 'proposal-status' }, t(STATUS_LABELS[p.status]))],
    ['Peraturan', p.regulationId],
    ['Jenis anggaran', t(COHORT_LABELS[p.cohort])],
    ['Diajukan', `${p.requestedBy}, ${formatDateTime(p.requestedAt)}`],
    ['Batas keputusan', formatDate(p.decideBy)],
    ['Jumlah', formatRupiah(p.total)],
  ];
  if (p.fromScenario) {
    const { scenarioId, version } = p.fromScenario;
    rows.push(['Dari skenario', h('a', { href: `#/simulasi?${new URLSearchParams([['regulation', p.regulationId], ['s', scenarioId]])}` }, `${scenarioId} v${version}`)]);
  }
  if (p.reviewRequired) {
    const review = p.review;
    rows.push(['Tinjauan', review ? `${review.reviewedBy}, ${formatDateTime(review.reviewedAt)}${review.notes ? ` (${review.notes})` : ''}` : t('Belum ditinjau')]);
  }
  if (p.snapshot) {
    rows.push(
      ['Hash snapshot', h('code', { class: 'hash' }, p.snapshot.hash)],
      ['Versi', `${t('peraturan')} v${p.snapshot.regulationVersion} · roster v${p.snapshot.rosterVersion} · ${t('tarif')} ${p.snapshot.rateScheduleVersion}`],
    );
  }
  return h('dl', { class: 'facts' }, ...rows.flatMap(([label, value]) => [h('dt', {}, t(label)), h('dd', {}, value)]));
}

function premiumText(segment: Proposal['segments'][number]): string {
  const premiums = segment.monthlyPremiums.map((m) => m.premium);
  if (premiums.length === 0) return '—';
  const [min, max] = [Math.min(...premiums), Math.max(...premiums)];
  return min === max ? formatRupiah(min) : `${formatRupiah(min)}–${formatRupiah(max)}`;
}

function segmentTable(p: Proposal): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'segments-heading' },
    h('h2', { id: 'segments-heading' }, t('Rincian per segmen')),
    table(
      t('Peserta × iuran per bulan × bulan = jumlah'),
      [t('Segmen'), t('Prioritas'), t('Peserta'), t('Iuran per bulan'), t('Bulan'), t('Jumlah')],
      [...p.segments].sort((a, b) => a.priority - b.priority).map((s) => [s.name, String(s.priority), formatCount(s.headcount), premiumText(s), String(s.months), formatRupiah(s.amount)]),
      { numeric: [1, 2, 3, 4, 5], footer: [t('Jumlah'), '', formatCount(p.totalHeadcount), '', '', formatRupiah(p.total)] },
    ),
    ...overTarget(p),
    ...alreadyFunded(p),
  );
}

/** People over a segment's quota: not in the amount, for finance to fund explicitly or not. */
function overTarget(p: Proposal): HTMLElement[] {
  const over = p.segments.filter((s) => s.overTarget);
  if (over.length === 0) return [];
  const line = (s: Proposal['segments'][number]) =>
    h('li', {}, t('{segment}: {count} orang, {amount}', { segment: s.name, count: formatCount(s.overTarget!), amount: formatRupiah(s.overTargetAmount ?? 0) }));
  return [h('p', {}, t('Di atas target peserta, tidak termasuk jumlah kecuali disetujui tersendiri:')), h('ul', { class: 'over-target' }, ...over.map(line))];
}

/** People on the roster an earlier cohort of the year funds: counted once, so listed here with no money. */
function alreadyFunded(p: Proposal): HTMLElement[] {
  const funded = p.segments.filter((s) => s.alreadyFunded);
  if (funded.length === 0) return [];
  const line = (s: Proposal['segments'][number]) => {
    const moved = Object.entries(s.movedFrom ?? {}).map(([from, count]) => t('{count} pindah dari {segment}', { count: formatCount(count), segment: from }));
    return h('li', {}, t('{segment}: {count} orang', { segment: s.name, count: formatCount(s.alreadyFunded!) }) + (moved.length > 0 ? ` (${moved.join(', ')})` : ''));
  };
  return [h('p', {}, t('Sudah didanai tahun ini oleh usulan sebelumnya, tanpa biaya:')), h('ul', { class: 'already-funded' }, ...funded.map(line))];
}

/** Per segment: this proposal against last year's cohort, as the renewal's diff counts it. */
function comparison(p: Proposal, lastYear: ReadonlyMap<string, CohortSegment>): HTMLElement {
  const heading = h('h2', { id: 'diff-heading' }, t('Dibanding tahun lalu ({year})', { year: p.year - 1 }));
  if (lastYear.size === 0) return h('section', { 'aria-labelledby': 'diff-heading' }, heading, h('p', {}, t('Tidak ada usulan yang disetujui untuk tahun {year}.', { year: p.year - 1 })));
  const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : '0');
  return h(
    'section',
    { 'aria-labelledby': 'diff-heading' },
    heading,
    table(
      t('Perubahan peserta dan jumlah per segmen'),
      [t('Segmen'), t('Peserta {year}', { year: p.year - 1 }), t('Peserta {year}', { year: p.year }), t('Selisih'), t('Jumlah {year}', { year: p.year - 1 }), t('Jumlah {year}', { year: p.year }), t('Selisih')],
      p.segments.map((s) => {
        const old = lastYear.get(s.segment) ?? { funded: 0, amount: 0 };
        return [s.name, formatCount(old.funded), formatCount(s.headcount), signed(s.headcount - old.funded, formatCount), formatRupiah(old.amount), formatRupiah(s.amount), signed(s.amount - old.amount, formatRupiah)];
      }),
      { numeric: [1, 2, 3, 4, 5, 6] },
    ),
  );
}

function decisionSummary(p: Proposal): HTMLElement {
  const d = p.decision!;
  const names = new Map(p.segments.map((s) => [s.segment, s.name]));
  return h(
    'section',
    { 'aria-labelledby': 'decision-heading', 'data-decision-result': '', tabindex: '-1' },
    h('h2', { id: 'decision-heading' }, t('Keputusan BPKAD')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('Keputusan')), h('dd', {}, h('strong', {}, t(DECIDED_LABELS[d.decision]))),
      h('dt', {}, t('Diputuskan oleh')), h('dd', {}, `${d.decidedBy}, ${formatDateTime(d.decidedAt)}`),
      d.ceiling !== undefined ? [h('dt', {}, t('Pagu')), h('dd', {}, formatRupiah(d.ceiling))] : undefined,
      p.approvedAmount !== undefined ? [h('dt', {}, t('Jumlah disetujui')), h('dd', { 'data-testid': 'approved-amount' }, formatRupiah(p.approvedAmount))] : undefined,
      d.notes || d.reason ? [h('dt', {}, t('Catatan')), h('dd', {}, d.notes ?? d.reason ?? '')] : undefined,
    ),
    p.allocation && p.allocation.some((a) => a.unfunded > 0)
      ? table(
          t('Yang didanai dengan pagu'),
          [t('Segmen'), t('Didanai'), t('Tidak didanai'), t('Jumlah'), t('Siapa')],
          p.allocation.map((a) => [
            names.get(a.segment) ?? a.segment,
            formatCount(a.funded),
            formatCount(a.unfunded),
            formatRupiah(a.amount),
            h(
              'div',
              {},
              a.lastFundedNik ? h('p', {}, t('Urut NIK naik, sampai {nik}', { nik: maskNik(a.lastFundedNik) })) : undefined,
              hasRole('admin', 'finance', 'auditor') && a.funded + a.unfunded > 0
                ? exportButtons(`didanai-${p.proposalId}-${a.segment}`, a.segment, () => peopleRows(p.proposalId, a.segment), t('Daftar {segment}', { segment: names.get(a.segment) ?? a.segment }))
                : undefined,
            ),
          ]),
          { numeric: [1, 2, 3] },
        )
      : undefined,
  );
}

/** Everyone of a segment with whether the approved ceiling funds them, NIK bucket by bucket. */
async function peopleRows(proposalId: string, segment: string): Promise<string[][]> {
  const rows: string[][] = [['NIK', 'Nama', 'Didanai']];
  for (let bucket = 0; bucket < 32; bucket++) {
    let after: string | undefined;
    do {
      const page = await apiGet<z.infer<typeof PeoplePage>>(`/proposals/${encodeURIComponent(proposalId)}/people`, { segment, bucket, after });
      rows.push(...page.people.map((person) => [person.nik, person.name, person.funded ? 'Ya' : 'Tidak']));
      after = page.after;
    } while (after);
  }
  return rows;
}

/** Finance's decision. The requester of a proposal cannot decide it; the API refuses that too. */
function decisionForm(p: Proposal, afterDecision: () => void): HTMLElement | undefined {
  if (!hasRole('finance') || p.status !== 'pending-decision' || p.stale) return undefined;
  if (currentSession()?.username === p.requestedBy) {
    return notice('status', t('Anda mengajukan usulan ini, jadi orang lain di BPKAD yang memutuskannya.'));
  }
  // A proposal the system requested is approved by an officer other than its reviewer, once reviewed
  // (shared/core/budget/separation-of-duties.ts); anyone may still reject it or send it back.
  const reviewer = p.review?.reviewedBy;
  const mayApprove = !p.reviewRequired || (reviewer !== undefined && reviewer !== currentSession()?.username);
  const approvals: Decision[] = ['approve', 'approve-with-ceiling'];
  const choices = (Object.keys(DECISION_LABELS) as Decision[])
    .filter((decision) => mayApprove || !approvals.includes(decision))
    .map((decision, i) =>
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'decision', value: decision, checked: i === 0 }), ' ', t(DECISION_LABELS[decision])),
    );
  const twoOfficers = mayApprove
    ? undefined
    : notice(
        'status',
        reviewer
          ? t('Anda meninjau usulan ini, jadi petugas BPKAD lain yang menyetujuinya; Anda masih dapat menolak atau meminta revisi.')
          : t('Setujui setelah petugas BPKAD lain meninjau usulan ini.'),
      );
  const ceiling = h('input', { name: 'ceiling', inputmode: 'numeric', autocomplete: 'off', placeholder: 'Rp' });
  const ceilingField = field(t('Pagu (Rp)'), ceiling, t('Di bawah jumlah usulan; segmen didanai menurut prioritas.'));
  const preview = h('div', { 'aria-live': 'polite' });
  const notes = h('textarea', { name: 'notes', rows: 3, maxlength: 2000 });
  const notesField = field(t('Catatan'), notes);
  const over = p.segments.reduce((sum, s) => ({ people: sum.people + (s.overTarget ?? 0), amount: sum.amount + (s.overTargetAmount ?? 0) }), { people: 0, amount: 0 });
  const fundOverTarget = h('input', { type: 'checkbox', name: 'fundOverTarget' });
  const overTargetField = h(
    'label',
    { class: 'choice' },
    fundOverTarget,
    ' ',
    t('Danai juga {people} orang di atas target ({amount})', { people: formatCount(over.people), amount: formatRupiah(over.amount) }),
  );
  const result = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('Kirim keputusan'));
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'decide-heading' },
    h('h2', { id: 'decide-heading' }, t('Keputusan')),
    twoOfficers,
    h('fieldset', {}, h('legend', {}, t('Pilih keputusan')), ...choices),
    ceilingField,
    overTargetField,
    preview,
    notesField,
    submit,
    result,
  );
  const chosen = () => (form.querySelector<HTMLInputElement>('input[name=decision]:checked')?.value ?? 'approve') as Decision;
  // The CLI's rule (shared/core/money/rupiah-text.ts): undefined for text that is not whole rupiah.
  const rupiah = () => {
    try {
      return parseRupiah(ceiling.value);
    } catch {
      return undefined;
    }
  };
  const update = () => {
    const decision = chosen();
    ceilingField.hidden = decision !== 'approve-with-ceiling';
    overTargetField.hidden = over.people === 0 || (decision !== 'approve' && decision !== 'approve-with-ceiling');
    notesField.querySelector('label')!.textContent = decision === 'reject' ? t('Alasan (wajib)') : decision === 'request-revision' ? t('Catatan revisi (wajib)') : t('Catatan');
    replace(preview, decision === 'approve-with-ceiling' && ceiling.value.trim() ? whoFits(p, rupiah(), fundOverTarget.checked) : undefined);
  };
  form.addEventListener('change', update);
  ceiling.addEventListener('input', update);
  update();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const decision = chosen();
    const text = notes.value.trim();
    if (decision === 'approve-with-ceiling' && rupiah() === undefined) {
      replace(result, notice('alert', t('Tulis pagu dalam rupiah utuh, misalnya 1500000 atau 1.500.000.')));
      ceiling.focus();
      return;
    }
    const overTarget = over.people > 0 && fundOverTarget.checked ? { fundOverTarget: true } : {};
    const body =
      decision === 'approve'
        ? { decision, ...overTarget, ...(text ? { notes: text } : {}) }
        : decision === 'approve-with-ceiling'
          ? { decision, ceiling: rupiah(), ...overTarget, ...(text ? { notes: text } : {}) }
          : decision === 'reject'
            ? { decision, reason: text }
            : { decision, notes: text };
    submit.disabled = true;
    replace(result, h('p', { role: 'status' }, t('Menyimpan keputusan…')));
    decide(p.proposalId, body).then(afterDecision, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return form;
}

/**
 * The first of the two finance officers a system-requested proposal takes: offered while nobody
 * has reviewed it; the API refuses a second review and one of a stale or decided proposal too.
 */
function reviewForm(p: Proposal, afterReview: () => void): HTMLElement | undefined {
  if (!hasRole('finance') || !p.reviewRequired || p.review || p.status !== 'pending-decision' || p.stale) return undefined;
  const notes = h('textarea', { name: 'review-notes', rows: 2, maxlength: 2000 });
  const result = h('div', {});
  const submit = h('button', { type: 'submit' }, t('Kirim tinjauan'));
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'review-heading' },
    h('h2', { id: 'review-heading' }, t('Tinjau usulan')),
    h('p', {}, t('Usulan ini diajukan sistem (perpanjangan): satu petugas BPKAD meninjaunya, petugas lain menyetujuinya. Menolak atau meminta revisi tidak perlu tinjauan.')),
    field(t('Catatan tinjauan'), notes),
    submit,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = notes.value.trim();
    submit.disabled = true;
    replace(result, h('p', { role: 'status' }, t('Menyimpan tinjauan…')));
    apiSend<Proposal>('POST', `/proposals/${encodeURIComponent(p.proposalId)}/review`, text ? { notes: text } : {}).then(afterReview, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return form;
}

/** Decisions finance withdrew before anything was enrolled on them, oldest first. */
function withdrawnDecisions(p: Proposal): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'withdrawn-heading' },
    h('h2', { id: 'withdrawn-heading' }, t('Keputusan yang ditarik')),
    table(
      t('Keputusan yang ditarik'),
      [t('Keputusan'), t('Diputuskan oleh'), t('Ditarik oleh'), t('Alasan')],
      (p.withdrawnDecisions ?? []).map((w) => [
        `${t(DECIDED_LABELS[w.decision.decision])}${w.approvedAmount !== undefined ? ` (${formatRupiah(w.approvedAmount)})` : ''}`,
        `${w.decision.decidedBy}, ${formatDateTime(w.decision.decidedAt)}`,
        `${w.withdrawnBy}, ${formatDateTime(w.withdrawnAt)}`,
        w.reason,
      ]),
      { stack: true },
    ),
  );
}

/**
 * Withdrawing a decision, offered to finance officers other than the one who decided it and the
 * one who requested the proposal; the API also refuses it once the enrollment run has started.
 */
function withdrawForm(p: Proposal, afterWithdrawal: () => void): HTMLElement | undefined {
  const username = currentSession()?.username;
  if (!hasRole('finance') || !p.decision || !['approved', 'rejected', 'revision-requested'].includes(p.status)) return undefined;
  if (username === p.decision.decidedBy || username === p.requestedBy) return undefined;
  const reason = h('textarea', { name: 'withdraw-reason', rows: 2, maxlength: 2000, required: true });
  const result = h('div', {});
  const submit = h('button', { type: 'submit' }, t('Tarik keputusan'));
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'withdraw-heading' },
    h('h2', { id: 'withdraw-heading' }, t('Tarik keputusan')),
    field(t('Alasan penarikan (wajib)'), reason, t('Hanya sebelum pendaftaran peserta dimulai; usulan lalu menunggu keputusan lagi.')),
    submit,
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    apiSend<Proposal>('POST', `/proposals/${encodeURIComponent(p.proposalId)}/withdrawal`, { reason: reason.value.trim() }).then(afterWithdrawal, (error: unknown) => {
      submit.disabled = false;
      replace(result, errorNotice(error));
    });
  });
  return form;
}

/** Records the decision, then waits while a ceiling is being allocated to people. */
async function decide(proposalId: string, body: unknown): Promise<void> {
  let proposal = await apiSend<Proposal>('POST', `/proposals/${encodeURIComponent(proposalId)}/decision`, body);
  while (proposal.status === 'allocating') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    proposal = await apiGet<Proposal>(`/proposals/${encodeURIComponent(proposalId)}`);
  }
}

/** Before deciding: which segments a ceiling funds, by the same rule the allocation workflow uses. */
function whoFits(p: Proposal, ceiling: number | undefined, overTarget: boolean): HTMLElement | undefined {
  if (ceiling === undefined) return notice('status', t('Tulis pagu dalam rupiah utuh, misalnya 1500000 atau 1.500.000.'));
  const segments = overTarget ? withOverTargetFunded(p.segments) : p.segments;
  if (ceiling >= segments.reduce((sum, s) => sum + s.amount, 0)) return notice('status', t('Pagu tidak di bawah jumlah usulan: pilih "Setujui".'));
  const smallest = smallestUsefulCeiling(segments);
  if (smallest && ceiling < smallest.amount) return notice('status', t('Pagu ini tidak mendanai siapa pun: paling sedikit {amount}.', { amount: formatRupiah(smallest.amount) }));
  const names = new Map(p.segments.map((s) => [s.segment, s.name]));
  const funding = allocateCeiling(segments, ceiling);
  return table(
    t('Yang muat dalam pagu {ceiling}', { ceiling: formatRupiah(ceiling) }),
    [t('Segmen'), t('Didanai'), t('Tidak didanai'), t('Jumlah')],
    funding.map((f) => [names.get(f.segment) ?? f.segment, formatCount(f.funded), formatCount(f.unfunded), formatRupiah(f.amount)]),
    { numeric: [1, 2, 3], footer: [t('Jumlah'), formatCount(funding.reduce((n, f) => n + f.funded, 0)), formatCount(funding.reduce((n, f) => n + f.unfunded, 0)), formatRupiah(funding.reduce((n, f) => n + f.amount, 0))] },
  );
}
