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
import { UsageError } from '../usage-error';
import { uploadRoster } from '../roster-upload';
import { csvDelimiter, spreadsheetFormat, DELIMITER_OPTION } from '../spreadsheet-file';

export function registerRoster(program: Command): void {
  const roster = program.command('roster').description("Rosters: import an office's spreadsheet, follow it, fix and re-import the rejected rows");

  roster
    .command('import')
    .description('Import a CSV or XLSX roster into a regulation (checks the whole file first; shows progress)')
    .requiredOption('--regulation <id>', 'the regulation, e.g. perwal-tangsel-25-2019')
    .requiredOption('--file <path>', 'the roster file (.csv with , or ; / .xlsx)')
    .option('--segment <code>', 'the segment of every row, for one file per segment (else a Segmen column)')
    .option('--coverage-start <date>', 'when cover starts; the age window is checked on it (default: 1 January next year)')
    .option('--resume <importId>', 'finish an import whose upload was interrupted')
    .option('--update-identities', 'let a row change the name or birth date of its NIK on the roster (each change audited); else such a row is rejected')
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
    .description("Write an .xlsx for an office to fill in: the roster columns, NIK as Text, a drop-down of the regulation's segments, and a Petunjuk sheet")
    .requiredOption('--regulation <id>', 'the regulation whose segments the template lists')
    .requiredOption('-o, --output <path>', 'the template file (.xlsx)')
    .action(async (options: { regulation: string; output: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (!options.output.toLowerCase().endsWith('.xlsx')) throw new UsageError(`Name the template .xlsx (got ${options.output}).`);
      const regulation = await callApi<Regulation>(globals, 'GET', `/regulations/${encodeURIComponent(options.regulation)}`);
      writeFileSync(options.output, rosterTemplate(regulation));
      print(globals.json, { regulationId: regulation.id, output: options.output, segments: regulation.segments.map((s) => s.code) }, () => [
        `Wrote the roster template of ${regulation.id} to ${options.output} (segments: ${regulation.segments.map((s) => s.code).join(', ')}).`,
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

  withPageOptions(roster.command('imports').description("A regulation's imports, newest first").requiredOption('--regulation <id>', 'the regulation')).action(
    async (options: { regulation: string } & PageOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const path = `/regulations/${encodeURIComponent(options.regulation)}/imports`;
      const listed = await listPages<z.infer<typeof ImportList>['imports'][number]>(globals, path, 'imports', {}, options);
      print(globals.json, { imports: listed.items, nextCursor: listed.nextCursor }, () => [
        ...listed.items.map((i) => `${i.importId}  ${i.status.padEnd(10)}  ${i.createdAt}  ${i.fileName}  ${formatCount(i.accepted)} accepted, ${formatCount(i.rejected)} rejected`),
        ...moreLine(listed),
      ]);
    },
  );

  roster
    .command('summary')
    .description("A regulation's accepted roster for a year: people per segment")
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--year <year>', 'the coverage year')
    .action(async (options: { regulation: string; year: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const summary = await callApi<RosterSummary>(
        globals,
        'GET',
        `/regulations/${encodeURIComponent(options.regulation)}/roster?year=${encodeURIComponent(options.year)}`,
      );
      print(globals.json, summary, () => [
        `${summary.regulationId} roster ${summary.year}, version ${summary.version}`,
        ...Object.entries(summary.segments).map(([segment, n]) => `  ${segment.padEnd(18)} ${formatCount(n).padStart(9)}`),
        `  ${'total'.padEnd(18)} ${formatCount(summary.total).padStart(9)}`,
      ]);
    });

  roster
    .command('rejections <importId>')
    .description('Write the rejected rows, as the file had them, with their reasons to a file an office can fix and import again')
    .requiredOption('-o, --output <path>', 'the report file (.csv or .xlsx)')
    .option('--warnings', 'write the accepted rows that carry a warning instead (e.g. a NIK from outside the jurisdiction)')
    .option(...DELIMITER_OPTION)
    .action(async (importId: string, options: { output: string; warnings?: boolean; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const kind = options.warnings ? 'warning' : 'rejected';
      const written = await writeRejections(globals, importId, options.output, kind, options.delimiter);
      print(globals.json, { importId, output: options.output, rows: written }, () => [
        kind === 'warning'
          ? `Wrote ${formatCount(written)} rows with warnings to ${options.output}. They are on the roster; check them.`
          : `Wrote ${formatCount(written)} rejected rows to ${options.output}. Fix them there and import the file again.`,
      ]);
    });
}

const silent = { update: () => undefined, stop: () => undefined };

async function writeRejections(api: GlobalOptions, importId: string, output: string, kind: 'rejected' | 'warning', delimiterOption: string | undefined): Promise<number> {
  const format = spreadsheetFormat(output, 'the report');
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

/** `Baris judul: baris 4 (di bawah judul 'DAFTAR NAMA …') / Header row: row 4 (under the title '…')`. */
function describeHeader({ row, title }: RosterHeader): string {
  return title === undefined
    ? `Baris judul: baris ${row.rowNumber} / Header row: row ${row.rowNumber}`
    : `Baris judul: baris ${row.rowNumber} (di bawah judul '${title}') / Header row: row ${row.rowNumber} (under the title '${title}')`;
}

function describeImport(status: ImportStatus): string[] {
  const lines = [
    `Import ${status.importId} of ${status.fileName} into ${status.regulationId} (${status.year}): ${status.status}`,
    `  ${formatCount(status.processed)} rows checked, ${formatCount(status.accepted)} accepted, ${formatCount(status.rejected)} rejected` +
      `${status.warnings > 0 ? `, ${formatCount(status.warnings)} with a warning` : ''}`,
  ];
  for (const [segment, counts] of Object.entries(status.segments).sort()) {
    const reasons = Object.entries(counts.rejected)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]) => `${reason} ${formatCount(n)}`)
      .join(', ');
    lines.push(
      `  ${segment.padEnd(18)} received ${formatCount(counts.received).padStart(8)}  accepted ${formatCount(counts.accepted).padStart(8)}${reasons ? `  rejected: ${reasons}` : ''}`,
    );
  }
  if (status.failure) lines.push(`  Failed: ${status.failure}`);
  if (status.rejected > 0) lines.push(`  Get the rejected rows to fix: npx lindung roster rejections ${status.importId} -o ditolak.xlsx`);
  if (status.warnings > 0) lines.push(`  Get the rows with warnings to check: npx lindung roster rejections ${status.importId} --warnings -o peringatan.xlsx`);
  return lines;
}
