import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Proposal } from '../../shared/core/budget/proposal';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { ALL_NIK_BUCKETS, NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { maskNik } from '../../shared/core/people/personal-data';
import { MAX_SCENARIO_PEOPLE_PAGE } from '../../shared/core/simulation/scenario-people';
import { ScenarioId, type Scenario } from '../../shared/core/simulation/scenario';
import { listsRosterPeople } from '../../shared/core/simulation/scenario-people';
import type { SaveScenarioResult } from '../../shared/core/simulation/save-scenario';
import type { ScenarioAmendment } from '../../shared/core/simulation/scenario-amendment';
import type { SimulationResult } from '../../shared/core/simulation/simulation-result';
import { comparisonDocumentHtml } from '../../shared/documents/simulation/comparison-document';
import { COMPARISON_LABELS, type ComparisonRow, compareSimulations, comparisonSheet, MAX_COMPARED, MIN_COMPARED, scenarioColumn } from '../../shared/documents/simulation/scenario-comparison';
import { SCENARIO_PEOPLE_HEADER, type ScenarioPerson, scenarioPersonRow } from '../../shared/documents/simulation/scenario-people-file';
import { callApi, type GlobalOptions } from '../api-client';
import { describeProposal, waitWhile } from './budget';
import { printBudgetPdf } from '../budget-pdf';
import { CliError } from '../cli-config';
import { type DocumentKind, documentKind } from '../document-kind';
import { requireInputFile } from '../input-file';
import { t } from '../messages';
import { formatCount, print } from '../output';
import { type Progress, progress } from '../progress';
import { csvDelimiter, DELIMITER_OPTION, openSpreadsheetFile, spreadsheetFormat } from '../spreadsheet-file';
import { textTable } from '../text-table';
import { UsageError } from '../usage-error';

const silent: Progress = { update: () => undefined, stop: () => undefined };

export function registerSimulate(program: Command): void {
  const simulate = program
    .command('simulate')
    .description(t('Simulasi anggaran: skenario "bagaimana jika" yang disimpan, dihitung dan dibandingkan tanpa mengubah apa pun yang nyata'));

  simulate
    .command('save')
    .description(t('Simpan skenario dari berkas YAML atau JSON sebagai versi baru; berkas yang sama tidak mengubah apa pun'))
    .requiredOption('-f, --file <path>', t('dokumen skenario, mis. examples/scenario-ppu-tambah-juli.yaml'))
    .option('--regulation <id>', t('peraturannya, bila berkas tidak menyebut regulationId'))
    .action(async (options: { file: string; regulation?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { version: _version, savedAt: _at, savedBy: _by, ...document } = readScenarioFile(options.file);
      const id = typeof document.id === 'string' ? document.id : '';
      if (!id) throw new CliError(t('{file} tidak punya kolom "id"; beri skenario id seperti tambah-5000-juli.', { file: options.file }));
      const inFile = typeof document.regulationId === 'string' ? document.regulationId : undefined;
      if (inFile && options.regulation && inFile !== options.regulation) {
        throw new UsageError(t('{file} untuk peraturan {inFile}, bukan {regulation}: hapus --regulation, atau ubah regulationId di berkas.', { file: options.file, inFile, regulation: options.regulation }));
      }
      const regulationId = inFile ?? options.regulation;
      if (!regulationId) throw new UsageError(t('{file} tidak punya kolom "regulationId": tambahkan ke berkas, atau beri --regulation ID.', { file: options.file }));
      const result = await callApi<SaveScenarioResult>(globals, 'PUT', scenarioPath(regulationId, id), { ...document, regulationId });
      print(globals.json, result, () => describeSave(result));
    });

  simulate
    .command('list')
    .description(t('Skenario sebuah peraturan, versi terakhir masing-masing'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .action(async (options: { regulation: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const listed = await callApi<{ scenarios: Scenario[] }>(globals, 'GET', `/regulations/${encodeURIComponent(options.regulation)}/scenarios`, undefined, { retry: true });
      print(globals.json, listed, () =>
        listed.scenarios.length === 0
          ? [t('Belum ada skenario untuk {regulation}. Simpan satu dengan `npx lindung simulate save -f BERKAS`.', { regulation: options.regulation })]
          : textTable(
              [t('Skenario'), t('Versi'), t('Tahun'), t('Disimpan'), t('Nama')],
              listed.scenarios.map((s) => [s.id, `v${s.version}`, String(s.year), `${s.savedBy} ${s.savedAt.slice(0, 10)}`, s.name]),
              ['left', 'right', 'right', 'left', 'left'],
              '',
            ),
      );
    });

  simulate
    .command('show <scenario>')
    .description(t('Hasil simulasi skenario (SKENARIO atau SKENARIO@VERSI): kelompok, segmen, pagu, perubahan peserta dan proyeksi'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .option('--months', t('tambahkan tabel per bulan'))
    .action(async (scenario: string, options: { regulation: string; months?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await simulation(globals, options.regulation, scenarioRef(scenario));
      print(globals.json, result, () => describeResult(result, Boolean(options.months)));
    });

  simulate
    .command('compare <scenarios...>')
    .description(t('Bandingkan 2 sampai 4 skenario berdampingan (SKENARIO atau SKENARIO@VERSI), dengan selisih terhadap yang pertama; -o menulis .xlsx, .csv, .pdf atau .html'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .option('-o, --output <path>', t('tulis perbandingan ke berkas ini'))
    .option(...DELIMITER_OPTION)
    .action(async (names: string[], options: { regulation: string; output?: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      // Checked before any call: a wrong command line is a usage error, whatever the scenarios.
      if (names.length < MIN_COMPARED || names.length > MAX_COMPARED) {
        throw new UsageError(t('Bandingkan {min} sampai {max} skenario (diberikan {n}), mis. `simulate compare A B --regulation ID`.', { min: MIN_COMPARED, max: MAX_COMPARED, n: names.length }));
      }
      const refs = names.map(scenarioRef);
      const kind = options.output === undefined ? undefined : documentKind(options.output, (file) => t('Beri nama berkas perbandingan berakhiran .xlsx, .csv, .pdf atau .html (diberikan {file}).', { file }));
      csvDelimiter(options.delimiter);
      const scenarios = await Promise.all(refs.map((ref) => simulation(globals, options.regulation, ref)));
      const comparison = compareSimulations(scenarios);
      if (options.output && kind) await writeComparison(globals, scenarios, comparison, options.output, kind, options.delimiter);
      print(globals.json, { scenarios, comparison }, () => [
        ...describeComparison(scenarios, comparison),
        ...(options.output ? [t('Perbandingan ditulis ke {file}.', { file: options.output })] : []),
      ]);
    });

  simulate
    .command('draft <scenario>')
    .description(t('Tulis skenario (SKENARIO atau SKENARIO@VERSI) sebagai rancangan perubahan peraturannya, untuk diterapkan admin dengan `regulation apply -f`'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('-o, --output <path>', t('berkas .yaml yang ditulis'))
    .action(async (scenario: string, options: { regulation: string; output: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ref = scenarioRef(scenario);
      const draft = await callApi<ScenarioAmendment>(globals, 'GET', `${scenarioPath(options.regulation, ref.id)}/amendment${versionQuery(ref)}`, undefined, { retry: true });
      // The version it amends goes with the document: `regulation apply` sends it as If-Match, so
      // a regulation amended meanwhile refuses the draft instead of losing that amendment.
      if (draft.changes.length > 0) writeFileSync(options.output, stringifyYaml({ ...draft.regulation, version: draft.basedOnVersion }));
      print(globals.json, draft, () =>
        draft.changes.length === 0
          ? [t('Skenario {id} tidak mengubah peraturan {regulation} (hanya anggapan: orang, pertumbuhan, pagu, kelompok, tarif); tidak ada berkas yang ditulis.', { id: ref.id, regulation: options.regulation })]
          : [
              t('Rancangan perubahan {regulation} dari versi {version}: {n} bagian berubah.', { regulation: options.regulation, version: draft.basedOnVersion, n: draft.changes.length }),
              ...draft.changes.map((change) => `  ${change.path}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`),
              t('Ditulis ke {file}. Admin menerapkannya dengan `lindung regulation apply -f {file}`.', { file: options.output }),
            ],
      );
    });

  simulate
    .command('propose <scenario>')
    .description(t('Minta usulan anggaran nyata untuk satu kelompok skenario (SKENARIO atau SKENARIO@VERSI), dihitung dari roster; petugas keuangan lain memutuskannya'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .option('--start-month <YYYY-MM>', t('kelompok skenario yang dimulai pada bulan ini (bawaan: kelompok pertamanya)'))
    .option('--decide-by <YYYY-MM-DD>', t('bila belum diputuskan pada tanggal ini, usulan kedaluwarsa'))
    .action(async (scenario: string, options: { regulation: string; startMonth?: string; decideBy?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ref = scenarioRef(scenario);
      const read = await callApi<Scenario>(globals, 'GET', `${scenarioPath(options.regulation, ref.id)}${versionQuery(ref)}`, undefined, { retry: true });
      const requested = await callApi<Proposal>(
        globals,
        'POST',
        `${scenarioPath(options.regulation, read.id)}/proposal`,
        { version: read.version, ...(options.startMonth ? { startMonth: options.startMonth } : {}), ...(options.decideBy ? { decideBy: options.decideBy } : {}), clientToken: randomUUID() },
        { retry: true },
      );
      const proposal = await waitWhile(globals, requested.proposalId, ['computing']);
      const simulated = (await simulation(globals, options.regulation, { id: read.id, version: read.version })).cohorts.find((c) => c.startMonth === proposal.startMonth);
      print(globals.json, { proposal, simulated: simulated ? { headcount: simulated.totalHeadcount, total: simulated.total } : undefined }, () => [
        ...describeProposal(proposal),
        ...(simulated
          ? [
              t('Skenario {id}@{version} memperkirakan {total} untuk {n} orang; usulan ini meminta {asked} untuk {people} orang dari roster saat ini.', {
                id: read.id,
                version: read.version,
                total: formatRupiah(simulated.total),
                n: formatCount(simulated.totalHeadcount),
                asked: formatRupiah(proposal.total),
                people: formatCount(proposal.totalHeadcount),
              }),
            ]
          : []),
        ...(read.ceiling !== undefined ? [t('Pagu skenario {ceiling}: petugas keuangan lain memutuskannya dengan `lindung budget decide {proposal} --ceiling {rupiah}`.', { ceiling: formatRupiah(read.ceiling), proposal: proposal.proposalId, rupiah: read.ceiling })] : []),
      ]);
    });

  simulate
    .command('people <scenario>')
    .description(t('Tulis siapa yang didanai skenario, orang per orang, ke .csv atau .xlsx (data pribadi: hanya ke berkas itu; layar menampilkan NIK tersamar)'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('-o, --output <path>', t('berkas .csv atau .xlsx yang ditulis'))
    .option('--segment <code>', t('hanya segmen ini'))
    .option(...DELIMITER_OPTION)
    .action(async (scenario: string, options: { regulation: string; output: string; segment?: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      spreadsheetFormat(options.output, 'berkas orang');
      csvDelimiter(options.delimiter);
      const written = await exportPeople(globals, options.regulation, scenarioRef(scenario), options);
      print(globals.json, written, () => [
        ...written.segments.map((s) =>
          `  ${s.segment}: ${t('{funded} didanai, {unfunded} tidak', { funded: formatCount(s.funded), unfunded: formatCount(s.unfunded) })}` +
          (s.lastFundedNik ? t('; NIK terakhir didanai {nik}', { nik: s.lastFundedNik }) : ''),
        ),
        t('{n} orang ditulis ke {file}.', { n: formatCount(written.people), file: written.file }),
      ]);
    });
}

interface ScenarioRef {
  id: string;
  version?: number;
}

/** `tambah-juli` or `tambah-juli@2`: a scenario, and optionally which of its versions. */
function scenarioRef(text: string): ScenarioRef {
  const [id = '', version, ...rest] = text.split('@');
  if (!ScenarioId.safeParse(id).success || rest.length > 0 || (version !== undefined && !/^[1-9]\d*$/.test(version))) {
    throw new UsageError(t('"{text}" bukan nama skenario: beri id-nya, mis. tambah-juli, atau id@versi, mis. tambah-juli@2.', { text }));
  }
  return { id, ...(version === undefined ? {} : { version: Number(version) }) };
}

function scenarioPath(regulationId: string, scenarioId: string): string {
  return `/regulations/${encodeURIComponent(regulationId)}/scenarios/${encodeURIComponent(scenarioId)}`;
}

function versionQuery(ref: ScenarioRef): string {
  return ref.version === undefined ? '' : `?version=${ref.version}`;
}

async function simulation(globals: GlobalOptions, regulationId: string, ref: ScenarioRef): Promise<SimulationResult> {
  return callApi<SimulationResult>(globals, 'GET', `${scenarioPath(regulationId, ref.id)}/simulation${versionQuery(ref)}`, undefined, { retry: true });
}

function readScenarioFile(file: string): Record<string, unknown> {
  requireInputFile(file, 'dokumen skenario (.yaml atau .json), mis. examples/scenario-ppu-tambah-juli.yaml');
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(t('{file} bukan YAML atau JSON yang sah: {problem}', { file, problem: (error as Error).message }));
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new CliError(t('{file} harus berisi satu skenario (pemetaan kolom seperti id, name, regulationId, year).', { file }));
  }
  return document as Record<string, unknown>;
}

function describeSave(result: SaveScenarioResult): string[] {
  const s = result.scenario;
  const head = {
    created: t('Disimpan skenario {id} versi {version}.', { id: s.id, version: s.version }),
    changed: t('Diubah skenario {id} menjadi versi {version}.', { id: s.id, version: s.version }),
    unchanged: t('Skenario {id} tidak berubah (tetap versi {version}).', { id: s.id, version: s.version }),
  }[result.outcome];
  return [
    head,
    ...result.changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`),
    t('Lihat hasilnya: npx lindung simulate show {id} --regulation {regulation}', { id: s.id, regulation: s.regulationId }),
  ];
}

const people = (n: number) => t('{n} orang', { n: formatCount(n) });

function describeResult(r: SimulationResult, months: boolean): string[] {
  const lines = [
    `${scenarioColumn(r)}: ${r.name}`,
    t('  {regulation}, tahun {year}; peraturan v{regulationVersion}, roster v{rosterVersion}, tarif {rates}', {
      regulation: r.regulationId,
      year: r.year,
      regulationVersion: r.basis.regulationVersion,
      rosterVersion: r.basis.rosterVersion,
      rates: r.basis.rateScheduleVersion,
    }),
    '',
    t('Kelompok'),
    ...textTable(
      [t('Kelompok'), t('Mulai'), t('Orang'), t('Jumlah (Rp)')],
      [
        ...r.cohorts.map((c) => [c.cohort === 'original' ? 'APBD' : t('APBD-Perubahan'), c.startMonth, formatCount(c.totalHeadcount), formatRupiah(c.total)]),
        [t('total'), '', formatCount(r.totalHeadcount), formatRupiah(r.total)],
      ],
      ['left', 'left', 'right', 'right'],
    ),
    '',
    t('Per segmen'),
    ...textTable(
      [t('Segmen'), t('Mulai'), t('Orang'), t('Lama (bulan)'), t('Jumlah (Rp)'), t('Di atas kuota')],
      r.cohorts.flatMap((c) =>
        c.segments.map((s) => [s.segment, c.startMonth, formatCount(s.headcount), String(s.months), formatRupiah(s.amount), s.overTarget ? formatCount(s.overTarget) : '']),
      ),
      ['left', 'left', 'right', 'right', 'right', 'right'],
    ),
  ];
  if (r.ceiling) {
    const c = r.ceiling;
    lines.push(
      '',
      t('Pagu {ceiling}: {funded} didanai ({amount}), {unfunded} tidak; sisa {unspent}', {
        ceiling: formatRupiah(c.ceiling),
        funded: people(c.fundedHeadcount),
        amount: formatRupiah(c.amount),
        unfunded: people(c.unfundedHeadcount),
        unspent: formatRupiah(c.unspent),
      }),
      ...textTable(
        [t('Segmen'), t('Didanai'), t('Tidak didanai'), t('Jumlah (Rp)')],
        c.segments.map((s) => [s.segment, formatCount(s.funded), formatCount(s.unfunded), formatRupiah(s.amount)]),
        ['left', 'right', 'right', 'right'],
      ),
    );
  }
  lines.push(
    '',
    t('Perubahan peserta (peraturan sekarang → skenario)'),
    ...textTable(
      [t('Segmen'), t('Sekarang'), t('Skenario'), t('Bertambah'), t('Berkurang'), t('Lewat batas usia dalam tahun')],
      r.movements.map((m) => [
        m.segment,
        formatCount(m.current),
        formatCount(m.simulated),
        formatCount(m.added),
        formatCount(m.dropped),
        formatCount(Object.values(m.agingOut).reduce((sum, n) => sum + n, 0)),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    t('Proyeksi'),
    ...textTable(
      [t('Tahun'), t('Orang'), t('Lama (bulan)'), t('Jumlah (Rp)'), t('Lewat batas usia'), t('Pertumbuhan'), ...(r.ceiling ? [t('Didanai (Rp)')] : [])],
      r.projection.map((p) => [
        String(p.year),
        formatCount(p.totalHeadcount),
        String(p.months),
        formatRupiah(p.total),
        formatCount(p.segments.reduce((sum, s) => sum + s.agedOut, 0)),
        formatCount(p.segments.reduce((sum, s) => sum + s.grown, 0)),
        ...(r.ceiling ? [p.funded === undefined ? '' : formatRupiah(p.funded)] : []),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  if (months) {
    lines.push(
      '',
      t('Per bulan'),
      ...textTable(
        [t('Bulan'), t('Orang'), t('Jumlah (Rp)')],
        r.months.map((m) => [m.month, formatCount(m.headcount), formatRupiah(m.amount)]),
        ['left', 'right', 'right'],
      ),
    );
  }
  return lines;
}

function describeComparison(results: readonly SimulationResult[], rows: readonly ComparisonRow[]): string[] {
  const columns = results.map(scenarioColumn);
  const figure = (row: ComparisonRow, value: number | null, signed = false) => {
    if (value === null) return '—';
    const text = row.unit === 'rupiah' ? formatRupiah(value) : formatCount(value);
    return signed && value > 0 ? `+${text}` : text;
  };
  return textTable(
    ['', ...columns, ...columns.slice(1).map((column) => t('Selisih {scenario}', { scenario: column }))],
    rows.map((row) => [
      t(COMPARISON_LABELS[row.measure], { segment: row.segment ?? '', year: row.year ?? '' }),
      ...row.values.map((v) => figure(row, v)),
      ...row.differences.map((d) => figure(row, d, true)),
    ]),
    ['left', ...columns.map(() => 'right' as const), ...columns.slice(1).map(() => 'right' as const)],
    '',
  );
}

async function writeComparison(
  globals: GlobalOptions,
  results: readonly SimulationResult[],
  rows: readonly ComparisonRow[],
  output: string,
  kind: DocumentKind,
  delimiter: string | undefined,
): Promise<void> {
  if (kind === 'sheet') {
    const writer = openSpreadsheetFile(output, 'perbandingannya', 'Perbandingan', delimiter);
    for (const row of comparisonSheet(results, rows)) await writer.writeRow(row);
    await writer.close();
    return;
  }
  const regulation = await callApi<Regulation>(globals, 'GET', `/regulations/${encodeURIComponent(results[0]!.regulationId)}`, undefined, { retry: true });
  const html = comparisonDocumentHtml(results, { generatedAt: new Date().toISOString(), regulation });
  if (kind === 'html') writeFileSync(output, html);
  else await printBudgetPdf(html, output);
}

interface PeopleWritten {
  file: string;
  scenarioId: string;
  scenarioVersion: number;
  people: number;
  /** Per segment written; the last funded NIK masked, as everything shown on a terminal. */
  segments: { segment: string; funded: number; unfunded: number; lastFundedNik?: string }[];
}

/**
 * Writes every person of the scenario's roster segments (or the one named), a NIK bucket at a
 * time in order (a few read ahead), with whether the scenario funds them. The version is read first and pinned,
 * so that every page answers for the same scenario even if someone saves a new version meanwhile.
 */
async function exportPeople(
  globals: GlobalOptions,
  regulationId: string,
  ref: ScenarioRef,
  options: { output: string; segment?: string; delimiter?: string },
): Promise<PeopleWritten> {
  const scenario = await callApi<Scenario>(globals, 'GET', `${scenarioPath(regulationId, ref.id)}${versionQuery(ref)}`, undefined, { retry: true });
  const pinned = { id: scenario.id, version: scenario.version };
  const result = await simulation(globals, regulationId, pinned);
  const listable = result.cohorts[0]!.segments.map((s) => s.segment).filter((code) => listsRosterPeople(scenario, code));
  if (listable.length === 0) throw new CliError(t('Skenario {id} menganggap sendiri orang di setiap segmennya: tidak ada orang roster untuk ditulis.', { id: scenario.id }));
  if (options.segment !== undefined && !listable.includes(options.segment)) {
    throw new CliError(t('Skenario {id} tidak punya orang roster di segmen {segment}; beri salah satu dari {segments}.', { id: scenario.id, segment: options.segment, segments: listable.join(', ') }));
  }
  const segments = options.segment === undefined ? listable : [options.segment];

  const writer = openSpreadsheetFile(options.output, 'berkas orang', 'Didanai', options.delimiter);
  const bar = globals.json ? silent : progress(t('membaca'), NIK_BUCKETS);
  const counts = new Map(segments.map((segment) => [segment, { segment, funded: 0, unfunded: 0, lastFundedNik: undefined as string | undefined }]));
  let rows = 0;
  try {
    await writer.writeRow(SCENARIO_PEOPLE_HEADER);
    let done = 0;
    // Each page prices the scenario again on the API's side: a few buckets are asked for at once, written in order.
    for await (const list of readAhead(ALL_NIK_BUCKETS, BUCKETS_AHEAD, (bucket) => bucketPeople(globals, regulationId, scenario, bucket, options.segment))) {
      for (const person of list) {
        await writer.writeRow(scenarioPersonRow(person));
        const count = counts.get(person.segment)!;
        if (!person.funded) count.unfunded++;
        else {
          count.funded++;
          // Buckets are not in NIK order: the last funded is the highest NIK among the funded.
          if (!count.lastFundedNik || person.nik > count.lastFundedNik) count.lastFundedNik = person.nik;
        }
      }
      rows += list.length;
      bar.update(++done, undefined, t('{n} orang', { n: formatCount(rows) }));
    }
  } finally {
    bar.stop();
    await writer.close();
  }
  return {
    file: options.output,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    people: rows,
    segments: [...counts.values()].map(({ lastFundedNik, ...count }) => ({ ...count, ...(lastFundedNik ? { lastFundedNik: maskNik(lastFundedNik) } : {}) })),
  };
}

/** NIK buckets asked for at once by `simulate people`. */
const BUCKETS_AHEAD = 4;

/** Every person of one NIK bucket (of every listed segment, or of one), page by page, as the scenario's pinned version funds them. */
async function bucketPeople(globals: GlobalOptions, regulationId: string, scenario: Scenario, bucket: number, segment: string | undefined): Promise<ScenarioPerson[]> {
  const people: ScenarioPerson[] = [];
  let after: string | undefined;
  do {
    const query = new URLSearchParams({ bucket: String(bucket), version: String(scenario.version), limit: String(MAX_SCENARIO_PEOPLE_PAGE), ...(segment ? { segment } : {}), ...(after ? { after } : {}) });
    const page = await callApi<{ people: ScenarioPerson[]; after?: string }>(globals, 'GET', `${scenarioPath(regulationId, scenario.id)}/people?${query}`, undefined, { retry: true });
    people.push(...page.people);
    after = page.after;
  } while (after);
  return people;
}

/**
 * `read` of each item, yielded in the items' order, with up to `ahead` reads under way. A read that
 * fails is thrown when its turn comes; later reads under way are left to settle unobserved.
 */
async function* readAhead<T, R>(items: readonly T[], ahead: number, read: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const start = () => {
    const reading = read(items[next++]!);
    // Observed when its turn comes; until then a failure must not be an unhandled rejection.
    reading.catch(() => undefined);
    pending.push(reading);
  };
  while (pending.length < ahead && next < items.length) start();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    if (next < items.length) start();
    yield result;
  }
}
