import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type {
  ApplyRegulationResult,
  RegulationHistory,
  RegulationList,
  RegulationPremiums,
} from '../../shared/api/schemas';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { versionEtag } from '../../shared/core/regulation/version-etag';
import { callApi, type GlobalOptions } from '../api-client';
import { CliError } from '../cli-config';
import { requireInputFile } from '../input-file';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { t } from '../messages';
import { formatCount, print } from '../output';
import { describeRegion } from '../../shared/core/access/region-reach';

export function registerRegulation(program: Command): void {
  const regulation = program.command('regulation').description(t('Peraturan (Perwal, Perbup, ...) dan segmennya'));

  regulation
    .command('apply')
    .description(
      t(
        'Buat atau ubah peraturan dari berkas YAML atau JSON. Berkas yang disimpan dari `regulation get --json` menyimpan "version"-nya, dan ditolak bila orang lain telah mengubah peraturan sejak itu; berkas lain mengubah versi terkini',
      ),
    )
    .requiredOption('-f, --file <path>', t('dokumen peraturan'))
    .action(async (options: { file: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { version: readVersion, recordedAt: _at, recordedBy: _by, ...document } = readDocument(options.file);
      const id = typeof document.id === 'string' ? document.id : '';
      if (!id) throw new CliError(t('{file} tidak punya kolom "id"; beri peraturan id seperti perwal-tangsel-25-2019.', { file: options.file }));
      const path = `/regulations/${encodeURIComponent(id)}`;
      const headers = await preconditionOf(globals, path, readVersion);
      const result = await callApi<ApplyRegulationResult>(globals, 'PUT', path, document, { headers }).catch((error: unknown) => {
        throw amendedMeanwhile(error, id) ?? error;
      });
      print(globals.json, result, () => describeApply(result));
    });

  withPageOptions(regulation.command('list').description(t('Peraturan wilayah Anda (provinsi: juga kabupaten/kotanya; cakupan nasional: semuanya)'))).action(async (options: PageOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const listed = await listPages<z.infer<typeof RegulationList>['regulations'][number]>(globals, '/regulations', 'regulations', {}, options);
    const regulations = listed.items;
    print(globals.json, { regulations, nextCursor: listed.nextCursor }, () =>
      regulations.length === 0
        ? [t('Belum ada peraturan. Terapkan satu dengan `npx lindung regulation apply -f BERKAS`.')]
        : [
            ...regulations.map(
              (r) => `${r.id}  v${r.version}  ${r.jurisdiction}  ${r.segments} ${t('segmen')}  ${formatCount(r.targetHeadcount)} ${t('orang')}  ${r.title}`,
            ),
            ...moreLine(listed),
          ],
    );
  });

  regulation
    .command('get <id>')
    .description(t('Versi terkini sebuah peraturan'))
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const current = await callApi<Regulation>(globals, 'GET', `/regulations/${encodeURIComponent(id)}`);
      print(globals.json, current, () => describeRegulation(current));
    });

  regulation
    .command('history <id>')
    .description(t('Setiap versi peraturan, dan siapa mengubah apa'))
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const history = await callApi<z.infer<typeof RegulationHistory>>(globals, 'GET', `/regulations/${encodeURIComponent(id)}/versions`);
      print(globals.json, history, () =>
        history.events.flatMap((event) => [
          `${event.at}  ${event.actor}  ${event.summary}`,
          ...event.changes.map((c) => `    ${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`),
        ]),
      );
    });

  regulation
    .command('premiums <id>')
    .description(t('Iuran bulanan per orang tiap segmen pada suatu bulan'))
    .requiredOption('--month <YYYY-MM>', t('bulan'))
    .action(async (id: string, options: { month: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const premiums = await callApi<z.infer<typeof RegulationPremiums>>(
        globals,
        'GET',
        `/regulations/${encodeURIComponent(id)}/premiums?month=${encodeURIComponent(options.month)}`,
      );
      print(globals.json, premiums, () => [
        `${premiums.regulationId} v${premiums.version}, ${premiums.month} (${t('tarif {version}', { version: premiums.rateScheduleVersion })})`,
        ...premiums.segments.map((s) => `  ${s.segment.padEnd(16)} ${formatRupiah(s.monthlyPremium)} ${t('per orang per bulan')}`),
      ]);
    });
}

/**
 * The version the change is based on, as the API's precondition: the version the file was read
 * at when it carries one, else the current version, read now. A regulation that does not exist
 * yet is created only if nobody has created it meanwhile (If-None-Match: *).
 */
async function preconditionOf(globals: GlobalOptions, path: string, readVersion: unknown): Promise<Record<string, string>> {
  if (Number.isInteger(readVersion)) return { 'if-match': versionEtag(readVersion as number) };
  try {
    const current = await callApi<Regulation>(globals, 'GET', path);
    return { 'if-match': versionEtag(current.version) };
  } catch (error) {
    if (errorCodeOf(error) === 'NOT_FOUND') return { 'if-none-match': '*' };
    throw error;
  }
}

/** The API's 412, said for the person at the terminal: what happened and how to apply their change. */
function amendedMeanwhile(error: unknown, id: string): CliError | undefined {
  if (errorCodeOf(error) !== 'PRECONDITION_FAILED') return undefined;
  const current = ((error as CliError).details as { details?: { currentVersion?: number | null } }).details?.currentVersion;
  return new CliError(
    current
      ? `Someone else amended ${id} since your copy was read: it is now at version ${current}. ` +
          `Read it again (npx lindung regulation get ${id} --json > FILE), make your change there, and apply that file.`
      : `${id} does not exist, so your file's "version" names nothing to amend; remove "version" from the file to create it.`,
    (error as CliError).details,
  );
}

function errorCodeOf(error: unknown): string | undefined {
  return error instanceof CliError ? (error.details as { error?: string } | undefined)?.error : undefined;
}

function readDocument(file: string): Record<string, unknown> {
  requireInputFile(file, 'dokumen peraturan (.yaml atau .json), mis. examples/perwal-tangsel-25-2019.yaml');
  const text = readFileSync(file, 'utf8');
  try {
    const document = parseYaml(text) as unknown;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new Error('expected a mapping at the top');
    return document as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`${file} is not valid YAML or JSON: ${(error as Error).message}`);
  }
}

function describeApply(result: ApplyRegulationResult): string[] {
  const r = result.regulation;
  const head = {
    created: t('Dibuat {id} versi {version}.', { id: r.id, version: r.version }),
    amended: t('Diubah {id} menjadi versi {version}.', { id: r.id, version: r.version }),
    unchanged: t('{id} tidak berubah (tetap versi {version}).', { id: r.id, version: r.version }),
  }[result.outcome];
  return [
    head,
    ...result.changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`),
    ...describeRegulation(r),
  ];
}

function describeRegulation(r: Regulation): string[] {
  const total = r.segments.reduce((sum, s) => sum + s.targetHeadcount, 0);
  return [
    t('{title} ({basis}), wilayah {region}, pembayar {payer}, program {programs}', {
      title: r.title,
      basis: `${r.legalBasis.type} ${r.legalBasis.number}/${r.legalBasis.year}`,
      region: describeRegion(r.jurisdiction),
      payer: r.payer,
      programs: r.programs.join('+'),
    }),
    ...[...r.segments]
      .sort((a, b) => a.priority - b.priority)
      .map((s) => `  ${String(s.priority).padStart(2)}. ${s.code.padEnd(16)} ${formatCount(s.targetHeadcount).padStart(9)}  ${s.name}`),
    `      ${t('total').padEnd(16)} ${formatCount(total).padStart(9)}`,
  ];
}
