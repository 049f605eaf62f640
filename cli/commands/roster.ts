import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { ImportList, ImportStatus, RejectionsPage, RosterSummary } from '../../shared/api/roster-schemas';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { rejectionReport } from '../../shared/documents/rejection-report';
import type { RosterHeader } from '../../shared/documents/roster-file/roster-header';
import { rosterTemplate } from '../../shared/documents/roster-file/roster-template';
import { openRowWriter } from '../../shared/documents/spreadsheets/open-row-writer';
import { callApi, type GlobalOptions } from '../api-client';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { progress } from '../progress';
import { t } from '../messages';
import { UsageError } from '../usage-error';
import { uploadRoster } from '../roster-upload';
import { csvDelimiter, spreadsheetFormat, DELIMITER_OPTION } from '../spreadsheet-file';

export function registerRoster(program: Command): void {
  const roster = program.command('roster').description("Rosters: import an office's spreadsheet, follow it, fix and re-import the rejected rows");

  roster
    .command('import')
    .description(t('Impor roster CSV atau XLSX ke sebuah peraturan (seluruh berkas diperiksa dulu; kemajuan ditampilkan)'))
    .requiredOption('--regulation <id>', t('peraturannya, mis. perwal-tangsel-25-2019'))
    .requiredOption('--file <path>', t('berkas roster (.csv dengan , atau ; / .xlsx)'))
    .option('--segment <code>', t('segmen setiap baris, untuk satu berkas per segmen (selain itu kolom Segmen)'))
    .option('--coverage-start <date>', t('kapan perlindungan mulai; batas usia diperiksa pada tanggal itu (bawaan: 1 Januari tahun depan)'))
    .option('--resume <importId>', 'finish an import whose upload was interrupted')
    .option('--update-identities', t('izinkan baris mengubah nama atau tanggal lahir NIK-nya di roster (setiap perubahan diaudit); selain itu baris seperti itu ditolak'))
    .action(async (options: { regulation: string; file: string; segment?: string; coverageStart?: string; resume?: string; updateIdentities?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const status = await uploadRoster(
        globals,
        {
          regulationId: options.regulation,
          file: options.file,
          coverageStart: options.coverageStart ?? `${new Date().getFullYear() + 1}-01-01`,
          ...(options.segment ? { segment: options.segment } : {}),
          ...(options.resume ? { resume: options.resume } : {}),
          ...(options.updateIdentities ? { updateIdentities: true } : {}),
        },
        {
          phase: (name, total) => (globals.json ? silent : progress(name, total)),
          // Before the upload, so an office whose title block was misread can stop it.
          header: (header) => {
            if (!globals.json) process.stderr.write(`${describeHeader(header)}\n`);
          },
        },
      );
      print(globals.json, status, () => describeImport(status));
      if (status.status === 'failed') process.exitCode = 1;
    });

  roster
    .command('template')
    .description(t('Tulis .xlsx untuk diisi kantor: kolom roster, NIK sebagai Teks, daftar pilihan segmen peraturan, dan lembar Petunjuk'))
    .requiredOption('--regulation <id>', t('peraturan yang segmennya dicantumkan templat'))
    .requiredOption('-o, --output <path>', t('berkas templat (.xlsx)'))
    .action(async (options: { regulation: string; output: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (!options.output.toLowerCase().endsWith('.xlsx')) throw new UsageError(t('Beri nama templat berakhiran .xlsx (diberikan {file}).', { file: options.output }));
      const regulation = await callApi<Regulation>(globals, 'GET', `/regulations/${encodeURIComponent(options.regulation)}`);
      writeFileSync(options.output, rosterTemplate(regulation));
      print(globals.json, { regulationId: regulation.id, output: options.output, segments: regulation.segments.map((s) => s.code) }, () => [
        t('Templat roster {regulation} ditulis ke {file} (segmen: {segments}).', { regulation: regulation.id, file: options.output, segments: regulation.segments.map((s) => s.code).join(', ') }),
        `Fill in the Peserta sheet, then: npx lindung roster import --regulation ${regulation.id} --file ${options.output}`,
      ]);
    });

  roster
    .command('status <importId>')
    .description('An import and its counts so far')
    .action(async (importId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const status = await callApi<ImportStatus>(globals, 'GET', `/imports/${encodeURIComponent(importId)}`);
      print(globals.json, status, () => describeImport(status));
    });

  withPageOptions(roster.command('imports').description(t('Impor sebuah peraturan, terbaru lebih dulu')).requiredOption('--regulation <id>', t('peraturannya'))).action(
    async (options: { regulation: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const path = `/regulations/${encodeURIComponent(options.regulation)}/imports`;
      const listed = await listPages<z.infer<typeof ImportList>['imports'][number]>(globals, path, 'imports', {}, options);
      print(globals.json, { imports: listed.items, nextCursor: listed.nextCursor }, () => [
        ...listed.items.map((i) => `${i.importId}  ${i.status.padEnd(10)}  ${i.createdAt}  ${i.fileName}  ` + t('{accepted} diterima, {rejected} ditolak', { accepted: formatCount(i.accepted), rejected: formatCount(i.rejected) })),
        ...moreLine(listed),
      ]);
    },
  );

  roster
    .command('summary')
    .description(t('Roster sebuah peraturan yang diterima untuk suatu tahun: orang per segmen'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--year <year>', t('tahun perlindungan'))
    .action(async (options: { regulation: string; year: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const summary = await callApi<RosterSummary>(
        globals,
        'GET',
        `/regulations/${encodeURIComponent(options.regulation)}/roster?year=${encodeURIComponent(options.year)}`,
      );
      print(globals.json, summary, () => [
        t('{regulation} roster {year}, versi {version}', { regulation: summary.regulationId, year: summary.year, version: summary.version }),
        ...Object.entries(summary.segments).map(([segment, n]) => `  ${segment.padEnd(18)} ${formatCount(n).padStart(9)}`),
        `  ${t('total').padEnd(18)} ${formatCount(summary.total).padStart(9)}`,
      ]);
    });

  roster
    .command('rejections <importId>')
    .description(t('Tulis baris yang ditolak, seperti di berkasnya, beserta alasannya ke berkas yang dapat diperbaiki kantor lalu diimpor lagi'))
    .requiredOption('-o, --output <path>', t('berkas laporan (.csv atau .xlsx)'))
    .option('--warnings', t('tulis baris diterima yang membawa peringatan (mis. NIK dari luar wilayah)'))
    .option(...DELIMITER_OPTION)
    .action(async (importId: string, options: { output: string; warnings?: boolean; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const kind = options.warnings ? 'warning' : 'rejected';
      const written = await writeRejections(globals, importId, options.output, kind, options.delimiter);
      print(globals.json, { importId, output: options.output, rows: written }, () => [
        kind === 'warning'
          ? t('{n} baris dengan peringatan ditulis ke {file}. Baris itu sudah di roster; periksalah.', { n: formatCount(written), file: options.output })
          : t('{n} baris yang ditolak ditulis ke {file}. Perbaiki di sana lalu impor berkas itu lagi.', { n: formatCount(written), file: options.output }),
      ]);
    });
}

const silent = { update: () => undefined, stop: () => undefined };

async function writeRejections(api: GlobalOptions, importId: string, output: string, kind: 'rejected' | 'warning', delimiterOption: string | undefined): Promise<number> {
  const format = spreadsheetFormat(output, 'laporannya');
  const delimiter = csvDelimiter(delimiterOption);
  // The file's own columns, kept by the import, are the report's.
  const imported = await callApi<ImportStatus>(api, 'GET', `/imports/${encodeURIComponent(importId)}`, undefined, { retry: true });
  const report = rejectionReport(imported.columns);
  const file = createWriteStream(output);
  const writer = openRowWriter(file, format, kind === 'warning' ? 'Peringatan' : 'Ditolak', delimiter);
  await writer.writeRow(report.header);
  let written = 0;
  let cursor: string | undefined;
  do {
    const page = await callApi<z.infer<typeof RejectionsPage>>(
      api,
      'GET',
      `/imports/${encodeURIComponent(importId)}/rejections?kind=${kind}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      undefined,
      { retry: true },
    );
    for (const row of page.rows) {
      await writer.writeRow(report.row(row));
      written += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  await writer.close();
  if (!file.closed) await once(file, 'close');
  return written;
}

/** `Baris judul: baris 4 (di bawah judul 'DAFTAR NAMA …')`: which row the import took for the column titles. */
function describeHeader({ row, title }: RosterHeader): string {
  return title === undefined
    ? t('Baris judul: baris {row}', { row: row.rowNumber })
    : t("Baris judul: baris {row} (di bawah judul '{title}')", { row: row.rowNumber, title });
}

function describeImport(status: ImportStatus): string[] {
  const lines = [
    t('Impor {import} dari {file} ke {regulation} ({year}): {status}', { import: status.importId, file: status.fileName, regulation: status.regulationId, year: status.year, status: status.status }),
    t('  {processed} baris diperiksa, {accepted} diterima, {rejected} ditolak', {
      processed: formatCount(status.processed),
      accepted: formatCount(status.accepted),
      rejected: formatCount(status.rejected),
    }) + (status.warnings > 0 ? t(', {n} dengan peringatan', { n: formatCount(status.warnings) }) : ''),
  ];
  for (const [segment, counts] of Object.entries(status.segments).sort()) {
    const reasons = Object.entries(counts.rejected)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]) => `${reason} ${formatCount(n)}`)
      .join(', ');
    lines.push(
      `  ${segment.padEnd(18)} ${t('diterima berkas')} ${formatCount(counts.received).padStart(8)}  ${t('diterima')} ${formatCount(counts.accepted).padStart(8)}` +
        (reasons ? `  ${t('ditolak:')} ${reasons}` : ''),
    );
  }
  if (status.failure) lines.push(t('  Gagal: {failure}', { failure: status.failure }));
  if (status.rejected > 0) lines.push(t('  Ambil baris yang ditolak untuk diperbaiki: npx lindung roster rejections {import} -o ditolak.xlsx', { import: status.importId }));
  if (status.warnings > 0) lines.push(t('  Ambil baris dengan peringatan untuk diperiksa: npx lindung roster rejections {import} --warnings -o peringatan.xlsx', { import: status.importId }));
  return lines;
}
