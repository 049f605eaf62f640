import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { Proposal, ProposalList } from '../../shared/api/budget-schemas';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { type BudgetRegulation, budgetDocumentHtml, budgetDocumentSheet } from '../../shared/documents/budget-document';
import { InvalidInputError } from '../../shared/core/errors';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { parseRupiah } from '../../shared/core/money/rupiah-text';
import { callApi, type GlobalOptions } from '../api-client';
import { printBudgetPdf } from '../budget-pdf';
import { type DocumentKind, documentKind } from '../document-kind';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { csvDelimiter, openSpreadsheetFile, DELIMITER_OPTION } from '../spreadsheet-file';
import { t } from '../messages';
import { UsageError } from '../usage-error';

export function registerBudget(program: Command): void {
  const budget = program.command('budget').description(t('Usulan anggaran dan keputusan kantor keuangan'));

  budget
    .command('propose')
    .description(t('Minta usulan anggaran (admin); dihitung dari roster yang diterima dan tarif'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--year <year>', t('tahun anggaran'))
    .option('--cohort <kind>', t('original (APBD, Januari–Desember) atau perubahan (tambahan tengah tahun)'), 'original')
    .option('--start-month <YYYY-MM>', t('bulan pertama perlindungan kelompok perubahan, mis. 2027-07'))
    .option('--decide-by <YYYY-MM-DD>', t('bila belum diputuskan pada tanggal ini, usulan kedaluwarsa'))
    .action(async (options: { regulation: string; year: string; cohort: string; startMonth?: string; decideBy?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const requested = await callApi<Proposal>(
        globals,
        'POST',
        '/proposals',
        {
          regulationId: options.regulation,
          year: Number(options.year),
          cohort: options.cohort,
          ...(options.startMonth ? { startMonth: options.startMonth } : {}),
          ...(options.decideBy ? { decideBy: options.decideBy } : {}),
          clientToken: randomUUID(),
        },
        { retry: true },
      );
      const proposal = await waitWhile(globals, requested.proposalId, ['computing']);
      print(globals.json, proposal, () => describeProposal(proposal));
    });

  budget
    .command('review <proposalId>')
    .description(t('Tinjau usulan yang diminta sistem (perpanjangan): petugas keuangan lain lalu menyetujuinya'))
    .option('--notes <text>', t('temuan tinjauan'))
    .action(async (proposalId: string, options: { notes?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const reviewed = await callApi<Proposal>(globals, 'POST', `/proposals/${encodeURIComponent(proposalId)}/review`, options.notes ? { notes: options.notes } : {});
      print(globals.json, reviewed, () => describeProposal(reviewed));
    });

  budget
    .command('decide <proposalId>')
    .description(t('Keputusan keuangan, atau penarikannya (tidak pernah oleh peminta usulan)'))
    .option('--approve', t('setujui seluruh usulan'))
    .option('--ceiling <rupiah>', t('setujui dalam pagu ini, di bawah total, dalam rupiah bulat: 1500000 atau 1.500.000'))
    .option('--reject <reason>', t('tolak, dengan alasannya'))
    .option('--revise <notes>', t('kembalikan untuk direvisi'))
    .option('--notes <text>', t('catatan yang disimpan bersama persetujuan'))
    .option('--fund-over-target', t('dengan --approve atau --ceiling: biayai juga orang di atas target segmen'))
    .option('--withdraw', t('tarik keputusan petugas keuangan lain selama pendaftaran belum dimulai (dengan --reason)'))
    .option('--reason <text>', t('mengapa keputusan ditarik'))
    .action(async (proposalId: string, options: DecideOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const chosen = [options.approve, options.ceiling, options.reject, options.revise, options.withdraw].filter((o) => o !== undefined);
      if (chosen.length !== 1) throw new UsageError(t('Berikan tepat satu dari --approve, --ceiling RUPIAH, --reject ALASAN, --revise CATATAN, --withdraw --reason TEKS.'));
      if (options.withdraw) {
        if (!options.reason) throw new UsageError(t('Sebutkan mengapa keputusan ditarik: --withdraw --reason TEKS.'));
        const withdrawn = await callApi<Proposal>(globals, 'POST', `/proposals/${encodeURIComponent(proposalId)}/withdrawal`, { reason: options.reason });
        print(globals.json, withdrawn, () => describeProposal(withdrawn));
        return;
      }
      if (options.reason) throw new UsageError(t('--reason dipakai bersama --withdraw; penolakan memberi alasannya sebagai --reject ALASAN.'));
      if (options.fundOverTarget && !options.approve && options.ceiling === undefined) throw new UsageError(t('--fund-over-target dipakai bersama --approve atau --ceiling RUPIAH.'));
      const notes = { ...(options.notes ? { notes: options.notes } : {}), ...(options.fundOverTarget ? { fundOverTarget: true } : {}) };
      const body = options.approve
        ? { decision: 'approve', ...notes }
        : options.ceiling !== undefined
          ? { decision: 'approve-with-ceiling', ceiling: ceilingOption(options.ceiling), ...notes }
          : options.reject
            ? { decision: 'reject', reason: options.reject }
            : { decision: 'request-revision', notes: options.revise };
      await callApi<Proposal>(globals, 'POST', `/proposals/${encodeURIComponent(proposalId)}/decision`, body);
      const proposal = await waitWhile(globals, proposalId, ['allocating']);
      print(globals.json, proposal, () => describeProposal(proposal));
    });

  budget
    .command('show <proposalId>')
    .description(t('Sebuah usulan dan keputusannya; -o menulis dokumen anggaran (.pdf A4, .html, .csv atau .xlsx)'))
    .option('-o, --output <path>', t('tulis dokumen anggaran ke berkas ini'))
    .option(...DELIMITER_OPTION)
    .action(async (proposalId: string, options: { output?: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      // Checked before any call: a wrong option is a usage error, whatever the proposal.
      const kind = options.output === undefined ? undefined : documentKind(options.output, (file) => t('Beri nama dokumen berakhiran .pdf, .html, .csv atau .xlsx (diberikan {file}).', { file }));
      csvDelimiter(options.delimiter);
      const proposal = await callApi<Proposal>(globals, 'GET', `/proposals/${encodeURIComponent(proposalId)}`);
      if (options.output && kind) await writeDocument(globals, proposal, options.output, kind, options.delimiter);
      print(globals.json, proposal, () => [...describeProposal(proposal), ...(options.output ? [t('Dokumen anggaran ditulis ke {file}.', { file: options.output })] : [])]);
    });

  withPageOptions(
    budget
      .command('list')
      .description(t('Usulan anggaran, terbaru lebih dulu'))
      .option('--regulation <id>', t('hanya peraturan ini'))
      .option('--status <status>', t('hanya status ini, mis. pending-decision')),
  ).action(async (options: { regulation?: string; status?: string } & PageOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const query = { regulationId: options.regulation, status: options.status };
    const listed = await listPages<z.infer<typeof ProposalList>['proposals'][number]>(globals, '/proposals', 'proposals', query, options);
    print(globals.json, { proposals: listed.items, nextCursor: listed.nextCursor }, () => [
      ...listed.items.map((p) => `${p.proposalId}  ${p.status.padEnd(18)}${p.stale ? t(' USANG') : ''}  ${p.regulationId} ${p.year} ${p.cohort}  ${formatRupiah(p.total)}`),
      ...moreLine(listed),
    ]);
  });
}

interface DecideOptions {
  approve?: boolean;
  ceiling?: string;
  reject?: string;
  revise?: string;
  notes?: string;
  withdraw?: boolean;
  reason?: string;
  fundOverTarget?: boolean;
}

/** The --ceiling text as integer rupiah (shared/core/money/rupiah-text.ts), refused with an example. */
function ceilingOption(text: string): number {
  try {
    return parseRupiah(text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new UsageError(t('--ceiling {problem}: {issue}. Contoh: --ceiling 1.500.000', { problem: error.message, issue: error.issues[0]!.message }));
  }
}

/** Follows a proposal while a workflow works on it. */
export async function waitWhile(api: GlobalOptions, proposalId: string, statuses: readonly string[]): Promise<Proposal> {
  for (;;) {
    const proposal = await callApi<Proposal>(api, 'GET', `/proposals/${encodeURIComponent(proposalId)}`, undefined, { retry: true });
    if (!statuses.includes(proposal.status)) return proposal;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function writeDocument(api: GlobalOptions, proposal: Proposal, output: string, kind: DocumentKind, delimiter: string | undefined): Promise<void> {
  const regulation = await budgetRegulation(api, proposal);
  if (kind === 'sheet') {
    const writer = openSpreadsheetFile(output, 'dokumennya', 'Anggaran', delimiter);
    for (const row of budgetDocumentSheet(proposal, regulation)) await writer.writeRow(row);
    await writer.close();
    return;
  }
  const html = budgetDocumentHtml(proposal, { generatedAt: new Date().toISOString(), regulation });
  if (kind === 'html') writeFileSync(output, html);
  else await printBudgetPdf(html, output);
}

/** The regulation as the proposal was computed under it (its snapshot's version), else as it is now. */
async function budgetRegulation(api: GlobalOptions, proposal: Proposal): Promise<BudgetRegulation> {
  const id = encodeURIComponent(proposal.regulationId);
  const path = proposal.snapshot ? `/regulations/${id}/versions/${proposal.snapshot.regulationVersion}` : `/regulations/${id}`;
  return callApi<Regulation>(api, 'GET', path, undefined, { retry: true });
}

export function describeProposal(p: Proposal): string[] {
  const lines = [
    `${p.proposalId}  ${p.regulationId}  ${p.year} ${p.cohort === 'original' ? 'APBD' : t('APBD-Perubahan mulai {month}', { month: p.startMonth ?? '' })}: ${p.status}${p.stale ? t(' (USANG)') : ''}`,
    ...p.segments.map((s) => {
      const premiums = [...new Set(s.monthlyPremiums.map((m) => m.premium))];
      const premium = premiums.length === 1 ? formatRupiah(premiums[0]!) : `${formatRupiah(Math.min(...premiums))}–${formatRupiah(Math.max(...premiums))}`;
      const line = `  ${s.segment.padEnd(18)} ${formatCount(s.headcount).padStart(8)} × ${premium} × ${s.months} = ${formatRupiah(s.amount)}`;
      const overTarget = s.overTarget
        ? `\n  ${''.padEnd(18)} ${`+${formatCount(s.overTarget)}`.padStart(8)} ` +
          t('di atas target, tidak dibiayai kecuali disetujui dengan --fund-over-target ({amount})', { amount: formatRupiah(s.overTargetAmount ?? 0) })
        : '';
      if (!s.alreadyFunded) return line + overTarget;
      const moved = Object.entries(s.movedFrom ?? {}).map(([from, count]) => t('{n} pindah dari {segment}', { n: formatCount(count), segment: from }));
      return `${line}${overTarget}\n  ${''.padEnd(18)} ${`+${formatCount(s.alreadyFunded)}`.padStart(8)} ${t('sudah dibiayai tahun ini, tanpa biaya')}${moved.length > 0 ? ` (${moved.join(', ')})` : ''}`;
    }),
    `  ${t('total').padEnd(18)} ${formatCount(p.totalHeadcount).padStart(8)} ${t('orang')}   ${formatRupiah(p.total)}`,
  ];
  if (p.fromScenario) lines.push(t('  diminta dari skenario {id} versi {version}', { id: p.fromScenario.scenarioId, version: p.fromScenario.version }));
  if (p.snapshot) {
    const s = p.snapshot;
    lines.push(t('  snapshot {hash} (roster v{roster}, tarif {rates}, peraturan v{regulation})', { hash: s.hash.slice(0, 16), roster: s.rosterVersion, rates: s.rateScheduleVersion, regulation: s.regulationVersion }));
  }
  if (p.stale) lines.push(t('  Usang: {why}. Ajukan lagi sebelum memutuskan atau mendaftarkan.', { why: p.staleBecause?.join('; ') ?? '' }));
  if (p.review) lines.push(t('  ditinjau oleh {user} pada {at}', { user: p.review.reviewedBy, at: p.review.reviewedAt }) + (p.review.notes ? ` (${p.review.notes})` : ''));
  if (p.decision) {
    const d = p.decision;
    lines.push(t('  {decision} oleh {user} pada {at}', { decision: d.decision, user: d.decidedBy, at: d.decidedAt }) + (d.reason ? `: ${d.reason}` : '') + (d.notes ? ` (${d.notes})` : ''));
  }
  for (const w of p.withdrawnDecisions ?? []) {
    lines.push(
      t('  ditarik: {decision} oleh {user} pada {at}, ditarik oleh {by} pada {when}: {reason}', {
        decision: w.decision.decision,
        user: w.decision.decidedBy,
        at: w.decision.decidedAt,
        by: w.withdrawnBy,
        when: w.withdrawnAt,
        reason: w.reason,
      }),
    );
  }
  if (p.approvedAmount !== undefined) {
    lines.push(t('  disetujui {amount}', { amount: formatRupiah(p.approvedAmount) }) + (p.decision?.ceiling ? t(' dalam pagu {ceiling}', { ceiling: formatRupiah(p.decision.ceiling) }) : ''));
  }
  for (const a of p.allocation ?? []) {
    if (a.unfunded > 0) {
      lines.push(`    ${a.segment}: ` + t('{funded} dibiayai, {unfunded} tidak', { funded: formatCount(a.funded), unfunded: formatCount(a.unfunded) }) + (a.lastFundedNik ? t(' (menurut urutan NIK)') : ''));
    }
  }
  if (p.status === 'pending-decision') {
    lines.push(
      p.reviewRequired && !p.review
        ? t('  Menunggu keputusan keuangan sampai {date}: satu petugas meninjaunya (npx lindung budget review {proposal}), petugas lain menyetujuinya', { date: p.decideBy, proposal: p.proposalId })
        : t('  Menunggu keputusan keuangan sampai {date}: npx lindung budget decide {proposal} --approve', { date: p.decideBy, proposal: p.proposalId }) +
            (p.review ? t(' (siapa pun di keuangan selain {user})', { user: p.review.reviewedBy }) : ''),
    );
  }
  return lines;
}
