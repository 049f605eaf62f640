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
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { csvDelimiter, openSpreadsheetFile, DELIMITER_OPTION } from '../spreadsheet-file';
import { UsageError } from '../usage-error';

export function registerBudget(program: Command): void {
  const budget = program.command('budget').description("Budget proposals and the finance office's decision");

  budget
    .command('propose')
    .description('Ask for a budget proposal (admin); it is computed from the accepted roster and the rates')
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--year <year>', 'the fiscal year')
    .option('--cohort <kind>', 'original (APBD, January–December) or perubahan (mid-year top-up)', 'original')
    .option('--start-month <YYYY-MM>', 'first month of cover of a perubahan cohort, e.g. 2027-07')
    .option('--decide-by <YYYY-MM-DD>', 'undecided by this date, the proposal expires')
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
    .description('Review a proposal the system requested (a renewal): another finance officer then approves it')
    .option('--notes <text>', 'what the review found')
    .action(async (proposalId: string, options: { notes?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const reviewed = await callApi<Proposal>(globals, 'POST', `/proposals/${encodeURIComponent(proposalId)}/review`, options.notes ? { notes: options.notes } : {});
      print(globals.json, reviewed, () => describeProposal(reviewed));
    });

  budget
    .command('decide <proposalId>')
    .description("Finance's decision, or its withdrawal (never by whoever requested the proposal)")
    .option('--approve', 'approve the whole proposal')
    .option('--ceiling <rupiah>', 'approve within this ceiling (pagu), below the total, in whole rupiah: 1500000 or 1.500.000')
    .option('--reject <reason>', 'reject, with the reason')
    .option('--revise <notes>', 'send it back for a revision')
    .option('--notes <text>', 'notes recorded with an approval')
    .option('--fund-over-target', "with --approve or --ceiling: fund the people over the segments' target headcounts too")
    .option('--withdraw', "withdraw another finance officer's decision while no enrollment run has started (with --reason)")
    .option('--reason <text>', 'why the decision is withdrawn')
    .action(async (proposalId: string, options: DecideOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const chosen = [options.approve, options.ceiling, options.reject, options.revise, options.withdraw].filter((o) => o !== undefined);
      if (chosen.length !== 1) throw new UsageError('Give exactly one of --approve, --ceiling RUPIAH, --reject REASON, --revise NOTES, --withdraw --reason TEXT.');
      if (options.withdraw) {
        if (!options.reason) throw new UsageError('Say why the decision is withdrawn: --withdraw --reason TEXT.');
        const withdrawn = await callApi<Proposal>(globals, 'POST', `/proposals/${encodeURIComponent(proposalId)}/withdrawal`, { reason: options.reason });
        print(globals.json, withdrawn, () => describeProposal(withdrawn));
        return;
      }
      if (options.reason) throw new UsageError('--reason goes with --withdraw; a rejection takes its reason as --reject REASON.');
      if (options.fundOverTarget && !options.approve && options.ceiling === undefined) throw new UsageError('--fund-over-target goes with --approve or --ceiling RUPIAH.');
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
    .description('A proposal and its decision; -o writes the budget document (.pdf on A4, .html, .csv or .xlsx)')
    .option('-o, --output <path>', 'write the budget document to this file')
    .option(...DELIMITER_OPTION)
    .action(async (proposalId: string, options: { output?: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      // Checked before any call: a wrong option is a usage error, whatever the proposal.
      const kind = options.output === undefined ? undefined : documentKind(options.output);
      csvDelimiter(options.delimiter);
      const proposal = await callApi<Proposal>(globals, 'GET', `/proposals/${encodeURIComponent(proposalId)}`);
      if (options.output && kind) await writeDocument(globals, proposal, options.output, kind, options.delimiter);
      print(globals.json, proposal, () => [...describeProposal(proposal), ...(options.output ? [`Budget document written to ${options.output}.`] : [])]);
    });

  withPageOptions(
    budget
      .command('list')
      .description('Budget proposals, newest first')
      .option('--regulation <id>', 'only this regulation')
      .option('--status <status>', 'only this status, e.g. pending-decision'),
  ).action(async (options: { regulation?: string; status?: string } & PageOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const query = { regulationId: options.regulation, status: options.status };
    const listed = await listPages<z.infer<typeof ProposalList>['proposals'][number]>(globals, '/proposals', 'proposals', query, options);
    print(globals.json, { proposals: listed.items, nextCursor: listed.nextCursor }, () => [
      ...listed.items.map((p) => `${p.proposalId}  ${p.status.padEnd(18)}${p.stale ? ' STALE' : ''}  ${p.regulationId} ${p.year} ${p.cohort}  ${formatRupiah(p.total)}`),
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
    throw new UsageError(`--ceiling ${error.message}: ${error.issues[0]!.message}. For example: --ceiling 1.500.000`);
  }
}

/** Follows a proposal while a workflow works on it. */
async function waitWhile(api: GlobalOptions, proposalId: string, statuses: readonly string[]): Promise<Proposal> {
  for (;;) {
    const proposal = await callApi<Proposal>(api, 'GET', `/proposals/${encodeURIComponent(proposalId)}`, undefined, { retry: true });
    if (!statuses.includes(proposal.status)) return proposal;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

type DocumentKind = 'pdf' | 'html' | 'sheet';

function documentKind(output: string): DocumentKind {
  const extension = /\.([a-z]+)$/i.exec(output)?.[1]?.toLowerCase();
  if (extension === 'pdf' || extension === 'html') return extension;
  if (extension === 'csv' || extension === 'xlsx') return 'sheet';
  throw new UsageError(`Name the document .pdf, .html, .csv or .xlsx (got ${output}).`);
}

async function writeDocument(api: GlobalOptions, proposal: Proposal, output: string, kind: DocumentKind, delimiter: string | undefined): Promise<void> {
  const regulation = await budgetRegulation(api, proposal);
  if (kind === 'sheet') {
    const writer = openSpreadsheetFile(output, 'the document', 'Anggaran', delimiter);
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

function describeProposal(p: Proposal): string[] {
  const lines = [
    `${p.proposalId}  ${p.regulationId}  ${p.year} ${p.cohort === 'original' ? 'APBD' : `APBD-Perubahan from ${p.startMonth}`}: ${p.status}${p.stale ? ' (STALE)' : ''}`,
    ...p.segments.map((s) => {
      const premiums = [...new Set(s.monthlyPremiums.map((m) => m.premium))];
      const premium = premiums.length === 1 ? formatRupiah(premiums[0]!) : `${formatRupiah(Math.min(...premiums))}–${formatRupiah(Math.max(...premiums))}`;
      const line = `  ${s.segment.padEnd(18)} ${formatCount(s.headcount).padStart(8)} × ${premium} × ${s.months} = ${formatRupiah(s.amount)}`;
      const overTarget = s.overTarget
        ? `\n  ${''.padEnd(18)} ${`+${formatCount(s.overTarget)}`.padStart(8)} over the target headcount, not funded unless approved with --fund-over-target (${formatRupiah(s.overTargetAmount ?? 0)})`
        : '';
      if (!s.alreadyFunded) return line + overTarget;
      const moved = Object.entries(s.movedFrom ?? {}).map(([from, count]) => `${formatCount(count)} moved from ${from}`);
      return `${line}${overTarget}\n  ${''.padEnd(18)} ${`+${formatCount(s.alreadyFunded)}`.padStart(8)} already funded this year, no money${moved.length > 0 ? ` (${moved.join(', ')})` : ''}`;
    }),
    `  ${'total'.padEnd(18)} ${formatCount(p.totalHeadcount).padStart(8)} people   ${formatRupiah(p.total)}`,
  ];
  if (p.snapshot) lines.push(`  snapshot ${p.snapshot.hash.slice(0, 16)} (roster v${p.snapshot.rosterVersion}, rates ${p.snapshot.rateScheduleVersion}, regulation v${p.snapshot.regulationVersion})`);
  if (p.stale) lines.push(`  Stale: ${p.staleBecause?.join('; ')}. Propose again before deciding or enrolling.`);
  if (p.review) lines.push(`  reviewed by ${p.review.reviewedBy} at ${p.review.reviewedAt}${p.review.notes ? ` (${p.review.notes})` : ''}`);
  if (p.decision) {
    lines.push(`  ${p.decision.decision} by ${p.decision.decidedBy} at ${p.decision.decidedAt}${p.decision.reason ? `: ${p.decision.reason}` : ''}${p.decision.notes ? ` (${p.decision.notes})` : ''}`);
  }
  for (const w of p.withdrawnDecisions ?? []) {
    lines.push(`  withdrawn: ${w.decision.decision} by ${w.decision.decidedBy} at ${w.decision.decidedAt}, withdrawn by ${w.withdrawnBy} at ${w.withdrawnAt}: ${w.reason}`);
  }
  if (p.approvedAmount !== undefined) lines.push(`  approved ${formatRupiah(p.approvedAmount)}${p.decision?.ceiling ? ` within a ceiling of ${formatRupiah(p.decision.ceiling)}` : ''}`);
  for (const a of p.allocation ?? []) {
    if (a.unfunded > 0) lines.push(`    ${a.segment}: ${formatCount(a.funded)} funded, ${formatCount(a.unfunded)} not${a.lastFundedNik ? ' (in NIK order)' : ''}`);
  }
  if (p.status === 'pending-decision') {
    lines.push(
      p.reviewRequired && !p.review
        ? `  Waiting for finance until ${p.decideBy}: one officer reviews it (npx lindung budget review ${p.proposalId}), another approves it`
        : `  Waiting for finance until ${p.decideBy}: npx lindung budget decide ${p.proposalId} --approve${p.review ? ` (anyone in finance but ${p.review.reviewedBy})` : ''}`,
    );
  }
  return lines;
}
