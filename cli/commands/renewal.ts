import type { Command } from 'commander';
import type { z } from 'zod';
import type { Proposal } from '../../shared/api/budget-schemas';
import type { ContinuityGap, ContinuityPage, Renewal, RenewalList, RenewalPeopleKind, RenewalPeoplePage, RenewalPerson } from '../../shared/api/renewal-schemas';
import { maskNik } from '../../shared/core/people/personal-data';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { openSpreadsheetFile, DELIMITER_OPTION } from '../spreadsheet-file';
import { UsageError } from '../usage-error';

/** People listed on the terminal at most; `-o` writes them all. */
const SHOWN = 20;

export function registerRenewal(program: Command): void {
  const renewal = program.command('renewal').description("Yearly renewal of a regulation's cover: the diff against last year, lapses, continuity");

  renewal
    .command('start')
    .description('Renew cover into a year now, or again after a failure or an unapprovable budget (admin); the schedule does it on the renewal day')
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--year <year>', 'the year to renew into')
    .action(async (options: { regulation: string; year: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await callApi<Renewal>(globals, 'POST', `/regulations/${encodeURIComponent(options.regulation)}/renewals`, { year: Number(options.year) }, { retry: true });
      const shown = await waitWhileVerifying(globals, options.regulation, Number(options.year));
      print(globals.json, shown, () => describeRenewal(shown));
    });

  renewal
    .command('diff')
    .description("The renewal's diff against last year per segment, its budget and decision; --list shows people, -o writes them")
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--year <year>', 'the year renewed into')
    .option('--list <kind>', 'also list these people: joiners, leavers, aging-out or lapsed')
    .option('-o, --output <path>', 'write the listed people (every bucket) to .csv or .xlsx')
    .option('--wait', 'wait while the roster is verified and the budget computed')
    .option(...DELIMITER_OPTION)
    .action(async (options: { regulation: string; year: string; list?: string; output?: string; wait?: boolean; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const kind = listKind(options.list ?? (options.output ? 'leavers' : undefined));
      const shown = options.wait
        ? await waitWhileVerifying(globals, options.regulation, Number(options.year))
        : await callApi<Renewal>(globals, 'GET', renewalPath(options.regulation, Number(options.year)));
      const proposal = shown.proposalId ? await proposalOf(globals, shown.proposalId, options.wait ?? false) : undefined;
      const people = kind ? await listPeople(globals, shown, kind, options.output, options.delimiter) : undefined;
      print(globals.json, { renewal: shown, proposal, ...(people ? { people: people.shown, listed: people.count } : {}) }, () => [
        ...describeRenewal(shown, proposal),
        ...(people && kind ? describePeople(kind, people, options.output) : []),
      ]);
    });

  withPageOptions(renewal.command('list').description("A regulation's renewals, newest year first").requiredOption('--regulation <id>', 'the regulation')).action(
    async (options: { regulation: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const path = `/regulations/${encodeURIComponent(options.regulation)}/renewals`;
      const listed = await listPages<z.infer<typeof RenewalList>['renewals'][number]>(globals, path, 'renewals', {}, options);
      print(globals.json, { renewals: listed.items, nextCursor: listed.nextCursor }, () =>
        listed.items.length === 0
          ? [`No renewals of ${options.regulation} yet.`]
          : [
              ...listed.items.map(
                (r) => `${r.fromYear} → ${r.year}  ${r.status.padEnd(10)} attempt ${r.attempt}  ${r.diff ? `${formatCount(r.diff.totals.next)} people` : ''}  ${r.proposalId ?? ''}`,
              ),
              ...moreLine(listed),
            ],
      );
    },
  );

  renewal
    .command('continuity')
    .description('Who had a gap in cover from one year into the next, and why (streamed bucket by bucket)')
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--from <year>', 'the first year of cover')
    .requiredOption('--to <year>', 'the last year cover should have continued into')
    .option('-o, --output <path>', 'write every gap to .csv or .xlsx')
    .option(...DELIMITER_OPTION)
    .action(async (options: { regulation: string; from: string; to: string; output?: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const [from, to] = [Number(options.from), Number(options.to)];
      if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from) throw new UsageError('Give --from and --to as years, --to after --from (e.g. --from 2027 --to 2029).');
      const report = await continuityReport(globals, options.regulation, from, to, options.output, options.delimiter);
      print(globals.json, report, () => describeContinuity(options.regulation, report, options.output));
    });
}

function renewalPath(regulationId: string, year: number): string {
  return `/regulations/${encodeURIComponent(regulationId)}/renewals/${year}`;
}

function listKind(kind: string | undefined): RenewalPeopleKind | undefined {
  if (kind === undefined) return undefined;
  if (!['joiners', 'leavers', 'aging-out', 'lapsed'].includes(kind)) throw new UsageError(`--list must be joiners, leavers, aging-out or lapsed (got ${kind}).`);
  return kind as RenewalPeopleKind;
}

async function waitWhileVerifying(api: GlobalOptions, regulationId: string, year: number): Promise<Renewal> {
  for (;;) {
    const current = await callApi<Renewal>(api, 'GET', renewalPath(regulationId, year), undefined, { retry: true });
    if (current.status !== 'verifying') return current;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The renewal's budget, once computed when waiting. */
async function proposalOf(api: GlobalOptions, proposalId: string, wait: boolean): Promise<Proposal> {
  for (;;) {
    const proposal = await callApi<Proposal>(api, 'GET', `/proposals/${encodeURIComponent(proposalId)}`, undefined, { retry: true });
    if (!wait || proposal.status !== 'computing') return proposal;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Every bucket's people of a kind, page by page: the first few kept for the terminal, all written to `output`. */
async function listPeople(
  api: GlobalOptions,
  renewal: Renewal,
  kind: RenewalPeopleKind,
  output: string | undefined,
  delimiter: string | undefined,
): Promise<{ shown: RenewalPerson[]; count: number }> {
  const writer = output ? openSpreadsheetFile(output, 'the file', 'Daftar', delimiter) : undefined;
  await writer?.writeRow(['NIK', 'Nama', 'Segmen', 'Alasan', 'Tanggal']);
  const shown: RenewalPerson[] = [];
  let count = 0;
  for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
    let after: string | undefined;
    do {
      const query = new URLSearchParams({ kind, bucket: String(bucket), ...(after ? { after } : {}) });
      const page = await callApi<z.infer<typeof RenewalPeoplePage>>(api, 'GET', `${renewalPath(renewal.regulationId, renewal.year)}/people?${query}`, undefined, { retry: true });
      for (const person of page.people) {
        count++;
        if (shown.length < SHOWN) shown.push(person);
        await writer?.writeRow([person.nik, person.name, person.segment, person.reason ?? '', person.date ?? '']);
      }
      after = page.after;
    } while (after);
  }
  await writer?.close();
  return { shown, count };
}

function describeRenewal(r: Renewal, proposal?: Proposal): string[] {
  const lines = [`Renewal of ${r.regulationId} from ${r.fromYear} into ${r.year}: ${r.status} (attempt ${r.attempt}, ${r.trigger === 'schedule' ? `scheduled on ${r.proposeOn}` : `started by ${r.startedBy}`})`];
  if (r.diff) {
    const header = `  ${'segment'.padEnd(18)}${['last year', 'unchanged', 'joined', 'left', 'ages out', 'this year'].map((h) => h.padStart(11)).join('')}`;
    const row = (name: string, s: Omit<NonNullable<Renewal['diff']>['totals'], never>) =>
      `  ${name.padEnd(18)}${[s.previous, s.unchanged, s.joiners, s.leavers, s.agingOut, s.next].map((n) => formatCount(n).padStart(11)).join('')}`;
    lines.push(header, ...r.diff.segments.filter((s) => s.previous + s.next > 0).map((s) => row(s.segment, s)), row('total', r.diff.totals));
    const reasons = Object.entries(r.diff.leaverReasons).map(([reason, n]) => `${formatCount(n ?? 0)} ${reason}`);
    if (reasons.length > 0) lines.push(`  left: ${reasons.join(', ')}`);
  }
  if (proposal) {
    lines.push(`  budget ${proposal.proposalId}: ${proposal.status}${proposal.stale ? ' (STALE)' : ''}, ${formatCount(proposal.totalHeadcount)} people, ${formatRupiah(proposal.total)}`);
    if (proposal.decision) lines.push(`  ${proposal.decision.decision} by ${proposal.decision.decidedBy} at ${proposal.decision.decidedAt}${proposal.decision.reason ? `: ${proposal.decision.reason}` : ''}`);
    if (proposal.status === 'pending-decision') lines.push(`  Waiting for finance until ${proposal.decideBy}: npx lindung budget decide ${proposal.proposalId} --approve`);
  }
  if (r.closing) {
    const reasons = Object.entries(r.closing.lapseReasons).map(([reason, n]) => `${formatCount(n ?? 0)} ${reason}`);
    lines.push(
      `  closed ${r.closing.closedAt.slice(0, 10)}: ${r.closing.outcome}${r.closing.enrollmentRunId ? ` (enrollment run ${r.closing.enrollmentRunId})` : ''}; ` +
        `${formatCount(r.closing.lapsed)} lapsed on 31 December ${r.fromYear} or earlier${reasons.length ? `: ${reasons.join(', ')}` : ''}`,
    );
  }
  if (r.failure) lines.push(`  ${r.failure}`);
  return lines;
}

function describePeople(kind: RenewalPeopleKind, people: { shown: RenewalPerson[]; count: number }, output: string | undefined): string[] {
  return [
    `  ${kind}: ${formatCount(people.count)}${output ? ` (written to ${output})` : ''}`,
    ...people.shown.map((p) => `    ${maskNik(p.nik)}  ${p.name.padEnd(24)} ${p.segment.padEnd(16)} ${p.reason ?? ''} ${p.date ?? ''}`.trimEnd()),
    ...(people.count > people.shown.length ? [`    … ${formatCount(people.count - people.shown.length)} more; -o FILE writes them all`] : []),
  ];
}

interface ContinuityReport {
  years: { year: number; checked: number; gaps: number; reasons: Record<string, number> }[];
  shown: (ContinuityGap & { year: number })[];
}

/** Every year's gaps, bucket by bucket and page by page: counted, a few kept for the terminal, all written to `output`. */
async function continuityReport(
  api: GlobalOptions,
  regulationId: string,
  from: number,
  to: number,
  output: string | undefined,
  delimiter: string | undefined,
): Promise<ContinuityReport> {
  const writer = output ? openSpreadsheetFile(output, 'the file', 'Kesinambungan', delimiter) : undefined;
  await writer?.writeRow(['Tahun', 'NIK', 'Nama', 'Segmen', 'Alasan', 'Tertanggung sampai', 'Tertanggung lagi sejak', 'Hari tanpa perlindungan']);
  const report: ContinuityReport = { years: [], shown: [] };
  for (let year = from + 1; year <= to; year++) {
    const summary = { year, checked: 0, gaps: 0, reasons: {} as Record<string, number> };
    for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
      let after: string | undefined;
      do {
        const query = new URLSearchParams({ year: String(year), bucket: String(bucket), ...(after ? { after } : {}) });
        const page = await callApi<ContinuityPage>(api, 'GET', `/regulations/${encodeURIComponent(regulationId)}/continuity?${query}`, undefined, { retry: true });
        summary.checked += page.checked;
        for (const gap of page.gaps) {
          summary.gaps++;
          summary.reasons[gap.reason] = (summary.reasons[gap.reason] ?? 0) + 1;
          if (report.shown.length < SHOWN) report.shown.push({ ...gap, year });
          // The year is a label, not a figure: as a number it would show as 2.028.
          await writer?.writeRow([String(year), gap.nik, gap.name, gap.segment, gap.reason, gap.coveredUntil, gap.coveredAgainFrom ?? '', gap.gapDays]);
        }
        after = page.after;
      } while (after);
    }
    report.years.push(summary);
  }
  await writer?.close();
  return report;
}

function describeContinuity(regulationId: string, report: ContinuityReport, output: string | undefined): string[] {
  const lines = [`Continuity of cover under ${regulationId}:`];
  for (const y of report.years) {
    const reasons = Object.entries(y.reasons).map(([reason, n]) => `${formatCount(n)} ${reason}`);
    lines.push(`  into ${y.year}: ${formatCount(y.checked)} covered on 31 December ${y.year - 1}, ${formatCount(y.gaps)} with a gap${reasons.length ? ` (${reasons.join(', ')})` : ''}`);
  }
  for (const gap of report.shown) {
    lines.push(
      `    ${gap.year}  ${maskNik(gap.nik)}  ${gap.name.padEnd(24)} ${gap.reason.padEnd(16)} covered until ${gap.coveredUntil}${gap.coveredAgainFrom ? `, again from ${gap.coveredAgainFrom}` : ''}: ${gap.gapDays} days without cover`,
    );
  }
  const total = report.years.reduce((n, y) => n + y.gaps, 0);
  if (total > report.shown.length) lines.push(`    … ${formatCount(total - report.shown.length)} more${output ? '' : '; -o FILE writes them all'}`);
  if (output) lines.push(`  Written to ${output}.`);
  return lines;
}
