import type { Command } from 'commander';
import type { z } from 'zod';
import type { EnrollmentRun, RunList, RunPeoplePage } from '../../shared/api/enrollment-schemas';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { uploadMemberFile } from '../member-file-upload';
import { t } from '../messages';
import { formatCount, print } from '../output';
import { type Progress, progress } from '../progress';
import { exportRegistrationFile } from '../registration-file-export';
import { openSpreadsheetFile, DELIMITER_OPTION } from '../spreadsheet-file';

type Run = z.infer<typeof EnrollmentRun>;

export function registerEnrollment(program: Command): void {
  const enroll = program.command('enroll').description(t('Pendaftaran: orang-orang dari usulan yang disetujui didaftarkan ke BPJS Ketenagakerjaan'));

  enroll
    .command('start')
    .description(t('Mulai (atau ikuti lagi) pendaftaran sebuah usulan yang disetujui (admin)'))
    .requiredOption('--proposal <id>', t('usulan yang disetujui'))
    .option('--wait', t('ikuti pendaftaran dengan bilah kemajuan sampai selesai'))
    .action(async (options: { proposal: string; wait?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const run = await callApi<Run>(globals, 'POST', '/enrollment-runs', { proposalId: options.proposal }, { retry: true });
      const shown = options.wait ? await follow(globals, run) : run;
      print(globals.json, shown, () => describeRun(shown));
    });

  enroll
    .command('status <runId>')
    .description(t('Hitungan sebuah pendaftaran: direncanakan, terdaftar, gagal, dilewati, tersisa'))
    .option('--wait', t('ikuti pendaftaran dengan bilah kemajuan sampai selesai'))
    .action(async (runId: string, options: { wait?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const run = await callApi<Run>(globals, 'GET', `/enrollment-runs/${encodeURIComponent(runId)}`, undefined, { retry: true });
      const shown = options.wait ? await follow(globals, run) : run;
      print(globals.json, shown, () => describeRun(shown));
    });

  enroll
    .command('retry <runId>')
    .description(t('Coba lagi orang yang tidak dapat didaftarkan oleh pendaftaran yang selesai (admin)'))
    .option('--wait', t('ikuti pendaftaran dengan bilah kemajuan sampai selesai'))
    .action(async (runId: string, options: { wait?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const seen = await callApi<Run>(globals, 'GET', `/enrollment-runs/${encodeURIComponent(runId)}`);
      const run = await callApi<Run>(globals, 'POST', `/enrollment-runs/${encodeURIComponent(runId)}/retry-failed`, { attempt: seen.attempt }, { retry: true });
      const shown = options.wait ? await follow(globals, run) : run;
      print(globals.json, shown, () => describeRun(shown));
    });

  withPageOptions(enroll.command('list').description(t('Pendaftaran, terbaru lebih dulu')).option('--regulation <id>', t('hanya peraturan ini'))).action(
    async (options: { regulation?: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const listed = await listPages<z.infer<typeof RunList>['runs'][number]>(globals, '/enrollment-runs', 'runs', { regulationId: options.regulation }, options);
      print(globals.json, { runs: listed.items, nextCursor: listed.nextCursor }, () => [
        ...listed.items.map(
          (r) => `${r.runId}  ${r.status.padEnd(23)} ${t('percobaan')} ${r.attempt}  ${r.regulationId} ${r.year}  ${formatCount(r.counts.enrolled)}/${formatCount(r.counts.planned)} ${t('terdaftar')}`,
        ),
        ...moreLine(listed),
      ]);
    },
  );

  enroll
    .command('export <runId>')
    .description(t('Tulis orang yang terdaftar beserta nomor KPJ-nya (atau --failed: yang gagal beserta alasannya) ke .csv atau .xlsx'))
    .requiredOption('-o, --output <path>', t('berkas yang ditulis (.csv atau .xlsx)'))
    .option('--failed', t('yang gagal, bukan yang terdaftar'))
    .option(...DELIMITER_OPTION)
    .action(async (runId: string, options: { output: string; failed?: boolean; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const status = options.failed ? 'failed' : 'enrolled';
      const rows = await exportPeople(globals, runId, status, options.output, options.delimiter);
      print(globals.json, { runId, status, rows, output: options.output }, () => [t('{n} orang {status} ditulis ke {file}.', { n: formatCount(rows), status, file: options.output })]);
    });

  enroll
    .command('registration-file')
    .description(t('Tulis berkas pendaftaran untuk kantor cabang BPJS (peraturan dengan insurerChannel: file): siapa yang dibiayai usulan yang disetujui, ke .csv atau .xlsx'))
    .requiredOption('--proposal <id>', t('usulan yang disetujui'))
    .requiredOption('-o, --output <path>', t('berkas yang ditulis (.csv atau .xlsx)'))
    .option(...DELIMITER_OPTION)
    .action(async (options: { proposal: string; output: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const people = await exportRegistrationFile(globals, options.proposal, { output: options.output, delimiter: options.delimiter }, (total) =>
        globals.json ? silent : progress('writing', total),
      );
      print(globals.json, { proposalId: options.proposal, people, output: options.output }, () => [
        t('{n} orang ditulis ke {file}. Kirimkan ke kantor cabang BPJS Ketenagakerjaan, lalu impor jawabannya:', { n: formatCount(people), file: options.output }),
        `  npx lindung enroll member-file --proposal ${options.proposal} FILE`,
      ]);
    });

  enroll
    .command('member-file <file>')
    .description(t('Impor berkas peserta dari kantor cabang BPJS (.csv atau .xlsx) untuk sebuah usulan: KPJ tiap orang, atau penolakan cabang (admin)'))
    .requiredOption('--proposal <id>', t('usulan yang disetujui yang dijawab berkas ini'))
    .action(async (file: string, options: { proposal: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const stored = await uploadMemberFile(globals, options.proposal, file, { phase: (name, total) => (globals.json ? silent : progress(name, total)) });
      print(globals.json, { proposalId: options.proposal, ...stored }, () => [
        t(stored.answers === 1 ? '{n} jawaban disimpan untuk usulan {proposal}: {registered} terdaftar, {refused} ditolak.' : '{n} jawaban (jamak) disimpan untuk usulan {proposal}: {registered} terdaftar, {refused} ditolak.', {
          n: formatCount(stored.answers),
          proposal: options.proposal,
          registered: formatCount(stored.registered),
          refused: formatCount(stored.refused),
        }),
        t('Daftarkan mereka: npx lindung enroll start --proposal {proposal} --wait (setelah pendaftaran: npx lindung enroll retry RUN_ID --wait).', { proposal: options.proposal }),
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
      bar.update(enrolled, planned, t('dilewati (sudah terlindungi) {skipped}, gagal {failed} dari {planned} direncanakan', { skipped: formatCount(skipped), failed: formatCount(failed), planned: formatCount(planned) }));
      if (current.status !== 'running') return current;
      await new Promise((resolve) => setTimeout(resolve, 500));
      current = await callApi<Run>(api, 'GET', `/enrollment-runs/${encodeURIComponent(run.runId)}`, undefined, { retry: true });
    }
  } finally {
    bar.stop();
  }
}

async function exportPeople(api: GlobalOptions, runId: string, status: 'enrolled' | 'failed', output: string, delimiter: string | undefined): Promise<number> {
  const writer = openSpreadsheetFile(output, 'ekspornya', status === 'enrolled' ? 'Peserta' : 'Gagal', delimiter);
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
    t('{run}  usulan {proposal}  {regulation} {year}: {status} (percobaan {attempt})', { run: r.runId, proposal: r.proposalId, regulation: r.regulationId, year: r.year, status: r.status, attempt: r.attempt }),
    t('  direncanakan {planned}  terdaftar {enrolled}  gagal {failed}  dilewati {skipped}  tersisa {remaining}', {
      planned: formatCount(c.planned),
      enrolled: formatCount(c.enrolled),
      failed: formatCount(c.failed),
      skipped: formatCount(c.skipped),
      remaining: formatCount(c.remaining),
    }),
    t('  perlindungan {start} – {end}; terikat {committed} dari {approved} yang disetujui', { start: r.coverageStart, end: r.coverageEnd, committed: formatRupiah(r.committedAmount), approved: formatRupiah(r.approvedAmount) }) +
      (r.releasedAmount > 0 ? t('; {released} dilepas (kematian dan keluar segmen mengakhiri perlindungan lebih awal)', { released: formatRupiah(r.releasedAmount) }) : ''),
    ...r.failureReasons.map((f) => t('  gagal: {reason} × {n}', { reason: f.reason, n: formatCount(f.people) })),
  ];
  if (r.invoice) {
    const first = formatRupiah(r.invoice.monthlyTotals[0]?.amount ?? 0);
    lines.push(t('  tagihan iuran: {total} selama {months} bulan (bulan pertama {first})', { total: formatRupiah(r.invoice.total), months: r.invoice.monthlyTotals.length, first }));
  }
  if (r.failure) lines.push(`  ${r.failure}`);
  if (r.status === 'completed-with-failures' || r.status === 'failed') {
    lines.push(t('  Lihat siapa: npx lindung enroll export {run} --failed -o gagal.csv; lalu: npx lindung enroll retry {run} --wait', { run: r.runId }));
  }
  return lines;
}

