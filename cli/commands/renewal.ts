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
import { t } from '../messages';
import { UsageError } from '../usage-error';

/** People listed on the terminal at most; `-o` writes them all. */
const SHOWN = 20;

export function registerRenewal(program: Command): void {
  const renewal = program.command('renewal').description(t('Perpanjangan tahunan perlindungan sebuah peraturan: selisih dengan tahun lalu, yang gugur, kesinambungan'));

  renewal
    .command('start')
    .description(t('Perpanjang perlindungan ke suatu tahun sekarang, atau lagi setelah gagal atau anggaran yang tak dapat disetujui (admin); jadwal melakukannya pada hari perpanjangan'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--year <year>', t('tahun tujuan perpanjangan'))
    .action(async (options: { regulation: string; year: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await callApi<Renewal>(globals, 'POST', `/regulations/${encodeURIComponent(options.regulation)}/renewals`, { year: Number(options.year) }, { retry: true });
      const shown = await waitWhileVerifying(globals, options.regulation, Number(options.year));
      print(globals.json, shown, () => describeRenewal(shown));
    });

  renewal
    .command('diff')
    .description(t('Selisih perpanjangan dengan tahun lalu per segmen, anggaran dan keputusannya; --list menampilkan orangnya, -o menuliskannya'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--year <year>', t('tahun hasil perpanjangan'))
    .option('--list <kind>', t('tampilkan juga orang-orang ini: joiners, leavers, aging-out atau lapsed'))
    .option('-o, --output <path>', t('tulis orang yang didaftar (semua bucket) ke .csv atau .xlsx'))
    .option('--wait', t('tunggu selama roster diverifikasi dan anggaran dihitung'))
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

  withPageOptions(renewal.command('list').description(t('Perpanjangan sebuah peraturan, tahun terbaru lebih dulu')).requiredOption('--regulation <id>', t('peraturannya'))).action(
    async (options: { regulation: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const path = `/regulations/${encodeURIComponent(options.regulation)}/renewals`;
      const listed = await listPages<z.infer<typeof RenewalList>['renewals'][number]>(globals, path, 'renewals', {}, options);
      print(globals.json, { renewals: listed.items, nextCursor: listed.nextCursor }, () =>
        listed.items.length === 0
          ? [t('Belum ada perpanjangan {regulation}.', { regulation: options.regulation })]
          : [
              ...listed.items.map(
                (r) => `${r.fromYear} → ${r.year}  ${r.status.padEnd(10)} ${t('percobaan')} ${r.attempt}  ${r.diff ? `${formatCount(r.diff.totals.next)} ${t('orang')}` : ''}  ${r.proposalId ?? ''}`,
              ),
              ...moreLine(listed),
            ],
      );
    },
  );

  renewal
    .command('continuity')
    .description(t('Siapa yang perlindungannya terputus dari satu tahun ke tahun berikutnya, dan mengapa (dialirkan bucket demi bucket)'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--from <year>', t('tahun pertama perlindungan'))
    .requiredOption('--to <year>', t('tahun terakhir yang seharusnya masih terlindungi'))
    .option('-o, --output <path>', t('tulis setiap keterputusan ke .csv atau .xlsx'))
    .option(...DELIMITER_OPTION)
    .action(async (options: { regulation: string; from: string; to: string; output?: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const [from, to] = [Number(options.from), Number(options.to)];
      if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from) throw new UsageError(t('Berikan --from dan --to sebagai tahun, --to sesudah --from (mis. --from 2027 --to 2029).'));
      const report = await continuityReport(globals, options.regulation, from, to, options.output, options.delimiter);
      print(globals.json, report, () => describeContinuity(options.regulation, report, options.output));
    });
}

function renewalPath(regulationId: string, year: number): string {
  return `/regulations/${encodeURIComponent(regulationId)}/renewals/${year}`;
}

function listKind(kind: string | undefined): RenewalPeopleKind | undefined {
  if (kind === undefined) return undefined;
  if (!['joiners', 'leavers', 'aging-out', 'lapsed'].includes(kind)) throw new UsageError(t('--list harus joiners, leavers, aging-out atau lapsed (diberikan {kind}).', { kind }));
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
  const writer = output ? openSpreadsheetFile(output, 'berkasnya', 'Daftar', delimiter) : undefined;
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
  const how = r.trigger === 'schedule' ? t('dijadwalkan pada {date}', { date: r.proposeOn }) : t('dimulai oleh {user}', { user: r.startedBy ?? '?' });
  const lines = [t('Perpanjangan {regulation} dari {from} ke {year}: {status} (percobaan {attempt}, {how})', { regulation: r.regulationId, from: r.fromYear, year: r.year, status: r.status, attempt: r.attempt, how })];
  if (r.diff) {
    const headings = [t('tahun lalu'), t('tetap'), t('masuk'), t('keluar'), t('lewat usia'), t('tahun ini')];
    const header = `  ${t('nama segmen').padEnd(18)}${headings.map((h) => h.padStart(11)).join('')}`;
    const row = (name: string, s: Omit<NonNullable<Renewal['diff']>['totals'], never>) =>
      `  ${name.padEnd(18)}${[s.previous, s.unchanged, s.joiners, s.leavers, s.agingOut, s.next].map((n) => formatCount(n).padStart(11)).join('')}`;
    lines.push(header, ...r.diff.segments.filter((s) => s.previous + s.next > 0).map((s) => row(s.segment, s)), row(t('total'), r.diff.totals));
    const reasons = Object.entries(r.diff.leaverReasons).map(([reason, n]) => `${formatCount(n ?? 0)} ${reason}`);
    if (reasons.length > 0) lines.push(t('  keluar: {reasons}', { reasons: reasons.join(', ') }));
  }
  if (proposal) {
    lines.push(
      t('  anggaran {proposal}: {status}{stale}, {people} orang, {amount}', {
        proposal: proposal.proposalId,
        status: proposal.status,
        stale: proposal.stale ? t(' (USANG)') : '',
        people: formatCount(proposal.totalHeadcount),
        amount: formatRupiah(proposal.total),
      }),
    );
    if (proposal.decision) {
      const d = proposal.decision;
      lines.push(t('  {decision} oleh {user} pada {at}', { decision: d.decision, user: d.decidedBy, at: d.decidedAt }) + (d.reason ? `: ${d.reason}` : ''));
    }
    if (proposal.status === 'pending-decision') {
      lines.push(t('  Menunggu keputusan keuangan sampai {date}: npx lindung budget decide {proposal} --approve', { date: proposal.decideBy, proposal: proposal.proposalId }));
    }
  }
  if (r.closing) {
    const reasons = Object.entries(r.closing.lapseReasons).map(([reason, n]) => `${formatCount(n ?? 0)} ${reason}`);
    lines.push(
      t('  ditutup {date}: {outcome}{run}; {lapsed} gugur pada 31 Desember {year} atau sebelumnya', {
        date: r.closing.closedAt.slice(0, 10),
        outcome: r.closing.outcome,
        run: r.closing.enrollmentRunId ? t(' (pendaftaran {run})', { run: r.closing.enrollmentRunId }) : '',
        lapsed: formatCount(r.closing.lapsed),
        year: r.fromYear,
      }) + (reasons.length ? `: ${reasons.join(', ')}` : ''),
    );
  }
  if (r.failure) lines.push(`  ${r.failure}`);
  return lines;
}

function describePeople(kind: RenewalPeopleKind, people: { shown: RenewalPerson[]; count: number }, output: string | undefined): string[] {
  return [
    `  ${kind}: ${formatCount(people.count)}${output ? t(' (ditulis ke {file})', { file: output }) : ''}`,
    ...people.shown.map((p) => `    ${maskNik(p.nik)}  ${p.name.padEnd(24)} ${p.segment.padEnd(16)} ${p.reason ?? ''} ${p.date ?? ''}`.trimEnd()),
    ...(people.count > people.shown.length ? [t('    … {n} lagi; -o BERKAS menuliskan semuanya', { n: formatCount(people.count - people.shown.length) })] : []),
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
  const writer = output ? openSpreadsheetFile(output, 'berkasnya', 'Kesinambungan', delimiter) : undefined;
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
  const lines = [t('Kesinambungan perlindungan dari {regulation}:', { regulation: regulationId })];
  for (const y of report.years) {
    const reasons = Object.entries(y.reasons).map(([reason, n]) => `${formatCount(n)} ${reason}`);
    lines.push(
      t('  ke {year}: {checked} terlindungi pada 31 Desember {before}, {gaps} terputus', { year: y.year, checked: formatCount(y.checked), before: y.year - 1, gaps: formatCount(y.gaps) }) +
        (reasons.length ? ` (${reasons.join(', ')})` : ''),
    );
  }
  for (const gap of report.shown) {
    lines.push(
      `    ${gap.year}  ${maskNik(gap.nik)}  ${gap.name.padEnd(24)} ${gap.reason.padEnd(16)} ` +
        t('terlindungi sampai {until}{again}: {days} hari tanpa perlindungan', {
          until: gap.coveredUntil,
          again: gap.coveredAgainFrom ? t(', lagi sejak {date}', { date: gap.coveredAgainFrom }) : '',
          days: gap.gapDays,
        }),
    );
  }
  const total = report.years.reduce((n, y) => n + y.gaps, 0);
  if (total > report.shown.length) {
    const more = formatCount(total - report.shown.length);
    lines.push(output ? t('    … {n} lagi', { n: more }) : t('    … {n} lagi; -o BERKAS menuliskan semuanya', { n: more }));
  }
  if (output) lines.push(t('  Ditulis ke {file}.', { file: output }));
  return lines;
}
