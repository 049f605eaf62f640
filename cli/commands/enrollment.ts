import type { Command } from 'commander';
import type { z } from 'zod';
import type { EnrollmentRun, RunList, RunPeoplePage } from '../../shared/api/enrollment-schemas';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { uploadMemberFile } from '../member-file-upload';
import { formatCount, print } from '../output';
import { type Progress, progress } from '../progress';
import { exportRegistrationFile } from '../registration-file-export';
import { openSpreadsheetFile, DELIMITER_OPTION } from '../spreadsheet-file';

type Run = z.infer<typeof EnrollmentRun>;

export function registerEnrollment(program: Command): void {
  const enroll = program.command('enroll').description("Enrollment runs: an approved proposal's people registered with BPJS Ketenagakerjaan");

  enroll
    .command('start')
    .description('Start (or rejoin) the enrollment run of an approved proposal (admin)')
    .requiredOption('--proposal <id>', 'the approved proposal')
    .option('--wait', 'follow the run with a progress bar until it ends')
    .action(async (options: { proposal: string; wait?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const run = await callApi<Run>(globals, 'POST', '/enrollment-runs', { proposalId: options.proposal }, { retry: true });
      const shown = options.wait ? await follow(globals, run) : run;
      print(globals.json, shown, () => describeRun(shown));
    });

  enroll
    .command('status <runId>')
    .description('Counts of a run: planned, enrolled, failed, skipped, remaining')
    .option('--wait', 'follow the run with a progress bar until it ends')
    .action(async (runId: string, options: { wait?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const run = await callApi<Run>(globals, 'GET', `/enrollment-runs/${encodeURIComponent(runId)}`, undefined, { retry: true });
      const shown = options.wait ? await follow(globals, run) : run;
      print(globals.json, shown, () => describeRun(shown));
    });

  enroll
    .command('retry <runId>')
    .description('Retry the people a finished run could not cover (admin)')
    .option('--wait', 'follow the run with a progress bar until it ends')
    .action(async (runId: string, options: { wait?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const seen = await callApi<Run>(globals, 'GET', `/enrollment-runs/${encodeURIComponent(runId)}`);
      const run = await callApi<Run>(globals, 'POST', `/enrollment-runs/${encodeURIComponent(runId)}/retry-failed`, { attempt: seen.attempt }, { retry: true });
      const shown = options.wait ? await follow(globals, run) : run;
      print(globals.json, shown, () => describeRun(shown));
    });

  withPageOptions(enroll.command('list').description('Enrollment runs, newest first').option('--regulation <id>', 'only this regulation')).action(
    async (options: { regulation?: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const listed = await listPages<z.infer<typeof RunList>['runs'][number]>(globals, '/enrollment-runs', 'runs', { regulationId: options.regulation }, options);
      print(globals.json, { runs: listed.items, nextCursor: listed.nextCursor }, () => [
        ...listed.items.map(
          (r) => `${r.runId}  ${r.status.padEnd(23)} attempt ${r.attempt}  ${r.regulationId} ${r.year}  ${formatCount(r.counts.enrolled)}/${formatCount(r.counts.planned)} enrolled`,
        ),
        ...moreLine(listed),
      ]);
    },
  );

  enroll
    .command('export <runId>')
    .description('Write the enrolled people with their KPJ numbers (or --failed: the failures with reasons) to .csv or .xlsx')
    .requiredOption('-o, --output <path>', 'the file to write (.csv or .xlsx)')
    .option('--failed', 'the failures instead of the enrolled people')
    .option(...DELIMITER_OPTION)
    .action(async (runId: string, options: { output: string; failed?: boolean; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const status = options.failed ? 'failed' : 'enrolled';
      const rows = await exportPeople(globals, runId, status, options.output, options.delimiter);
      print(globals.json, { runId, status, rows, output: options.output }, () => [`${formatCount(rows)} ${status} people written to ${options.output}.`]);
    });

  enroll
    .command('registration-file')
    .description("Write the registration file for the BPJS branch (a regulation with insurerChannel: file): who an approved proposal funds, to .csv or .xlsx")
    .requiredOption('--proposal <id>', 'the approved proposal')
    .requiredOption('-o, --output <path>', 'the file to write (.csv or .xlsx)')
    .option(...DELIMITER_OPTION)
    .action(async (options: { proposal: string; output: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const people = await exportRegistrationFile(globals, options.proposal, { output: options.output, delimiter: options.delimiter }, (total) =>
        globals.json ? silent : progress('writing', total),
      );
      print(globals.json, { proposalId: options.proposal, people, output: options.output }, () => [
        `${formatCount(people)} people written to ${options.output}. Send it to the BPJS Ketenagakerjaan branch, then import its answer:`,
        `  npx lindung enroll member-file --proposal ${options.proposal} FILE`,
      ]);
    });

  enroll
    .command('member-file <file>')
    .description("Import the BPJS branch's member file (.csv or .xlsx) for a proposal: each person's KPJ, or the branch's refusal (admin)")
    .requiredOption('--proposal <id>', 'the approved proposal the file answers')
    .action(async (file: string, options: { proposal: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const stored = await uploadMemberFile(globals, options.proposal, file, { phase: (name, total) => (globals.json ? silent : progress(name, total)) });
      print(globals.json, { proposalId: options.proposal, ...stored }, () => [
        `${formatCount(stored.answers)} answer${stored.answers === 1 ? '' : 's'} stored for proposal ${options.proposal}: ${formatCount(stored.registered)} registered, ${formatCount(stored.refused)} refused.`,
        `Enroll them: npx lindung enroll start --proposal ${options.proposal} --wait (after a run: npx lindung enroll retry RUN_ID --wait).`,
      ]);
    });
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/**
 * Polls the run until the attempt ends: a bar of the people enrolled of those planned, with the
 * skipped and failed beside it, never added to it (as the console shows them: people an earlier
 * run covered are skipped and are not among a top-up's planned people).
 */
async function follow(api: GlobalOptions, run: Run): Promise<Run> {
  const bar = progress('enrolling', run.counts.planned);
  let current = run;
  try {
    for (;;) {
      const { planned, enrolled, failed, skipped } = current.counts;
      bar.update(enrolled, planned, `skipped (already covered) ${formatCount(skipped)}, failed ${formatCount(failed)} of ${formatCount(planned)} planned`);
      if (current.status !== 'running') return current;
      await new Promise((resolve) => setTimeout(resolve, 500));
      current = await callApi<Run>(api, 'GET', `/enrollment-runs/${encodeURIComponent(run.runId)}`, undefined, { retry: true });
    }
  } finally {
    bar.stop();
  }
}

async function exportPeople(api: GlobalOptions, runId: string, status: 'enrolled' | 'failed', output: string, delimiter: string | undefined): Promise<number> {
  const writer = openSpreadsheetFile(output, 'the export', status === 'enrolled' ? 'Peserta' : 'Gagal', delimiter);
  await writer.writeRow(status === 'enrolled' ? ['NIK', 'Nama', 'Segmen', 'KPJ', 'Mulai', 'Sampai'] : ['NIK', 'Nama', 'Segmen', 'Alasan', 'Keterangan']);
  let rows = 0;
  // Bucket by bucket and page by page: memory stays flat however large the run.
  for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
    let after: string | undefined;
    do {
      const query = new URLSearchParams({ status, bucket: String(bucket), ...(after ? { after } : {}) });
      const page = await callApi<z.infer<typeof RunPeoplePage>>(api, 'GET', `/enrollment-runs/${encodeURIComponent(runId)}/people?${query}`, undefined, { retry: true });
      for (const p of page.people) {
        await writer.writeRow(status === 'enrolled' ? [p.nik, p.name, p.segment, p.kpj ?? '', p.coverageStart ?? '', p.coverageEnd ?? ''] : [p.nik, p.name, p.segment, p.reason ?? '', p.message ?? '']);
        rows++;
      }
      after = page.after;
    } while (after);
  }
  await writer.close();
  return rows;
}

export function describeRun(r: Run): string[] {
  const c = r.counts;
  const lines = [
    `${r.runId}  proposal ${r.proposalId}  ${r.regulationId} ${r.year}: ${r.status} (attempt ${r.attempt})`,
    `  planned ${formatCount(c.planned)}  enrolled ${formatCount(c.enrolled)}  failed ${formatCount(c.failed)}  skipped ${formatCount(c.skipped)}  remaining ${formatCount(c.remaining)}`,
    `  cover ${r.coverageStart} – ${r.coverageEnd}; committed ${formatRupiah(r.committedAmount)} of ${formatRupiah(r.approvedAmount)} approved` +
      (r.releasedAmount > 0 ? `; ${formatRupiah(r.releasedAmount)} released (deaths and removals ended cover early)` : ''),
    ...r.failureReasons.map((f) => `  failed: ${f.reason} × ${formatCount(f.people)}`),
  ];
  if (r.invoice) lines.push(`  premium invoice: ${formatRupiah(r.invoice.total)} over ${r.invoice.monthlyTotals.length} months (first month ${formatRupiah(r.invoice.monthlyTotals[0]?.amount ?? 0)})`);
  if (r.failure) lines.push(`  ${r.failure}`);
  if (r.status === 'completed-with-failures' || r.status === 'failed') {
    lines.push(`  See who: npx lindung enroll export ${r.runId} --failed -o failures.csv; then: npx lindung enroll retry ${r.runId} --wait`);
  }
  return lines;
}

