import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AWS_PRICES } from '../../shared/documents/cost/aws-price-list';
import { estimateRun, type RunEstimate } from '../../shared/documents/cost/run-estimate';
import { UsageProfile } from '../../shared/documents/cost/usage-profile';
import { formatUsd, usdDecimal } from '../../shared/documents/cost/usd';
import { formatRupiah } from '../../shared/core/money/rupiah';
import type { GlobalOptions } from '../api-client';
import { CliError } from '../cli-config';
import { requireInputFile } from '../input-file';
import { t } from '../messages';
import { formatCount, print } from '../output';
import { REPO_ROOT } from '../repo-root';
import { UsageError } from '../usage-error';

const DEFAULT_PROFILE_NAME = 'shared/documents/cost/enrollment-usage-profile.json';
const DEFAULT_PROFILE = path.join(REPO_ROOT, ...DEFAULT_PROFILE_NAME.split('/'));

interface CostOptions {
  people: string;
  concurrency?: string;
  insurerRps?: string;
  insurerLatencyMs?: string;
  usdIdr?: string;
  profile?: string;
}

export function registerCost(program: Command): void {
  program
    .command('cost')
    .description(t('Perkirakan biaya AWS dan lama sebuah pendaftaran, dari pemakaian yang diukur dan harga bertanggal (tanpa sistem yang berjalan)'))
    .requiredOption('--people <n>', t('jumlah orang dalam pendaftaran'))
    .option('--concurrency <n>', t('shard yang didaftarkan sekaligus (MaxConcurrency Distributed Map; bawaan: seperti yang di-deploy)'))
    .option('--insurer-rps <n>', t('batas laju BPJS dalam permintaan batch per detik (bawaan: asumsi daftar harga)'))
    .option('--insurer-latency-ms <ms>', t('waktu BPJS per batch berisi hingga 100 orang (bawaan: asumsi daftar harga)'))
    .option('--usd-idr <rate>', t('rupiah per dolar AS (bawaan: kurs JISDOR bertanggal dari daftar harga)'))
    .option('--profile <file>', t('profil pemakaian selain shared/documents/cost/enrollment-usage-profile.json yang tersimpan di repositori'))
    .action((options: CostOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const profile = readProfile(options.profile);
      // Read before estimating: a wrong option is a usage error, not a failure of the estimate.
      const run = {
        people: wholeNumber(options.people, '--people'),
        ...(options.concurrency !== undefined ? { concurrency: wholeNumber(options.concurrency, '--concurrency') } : {}),
        ...(options.insurerRps !== undefined ? { insurerRequestsPerSecond: numberOption(options.insurerRps, '--insurer-rps', { zeroAllowed: false }) } : {}),
        ...(options.insurerLatencyMs !== undefined ? { insurerLatencyMs: numberOption(options.insurerLatencyMs, '--insurer-latency-ms', { zeroAllowed: true }) } : {}),
        ...(options.usdIdr !== undefined ? { idrPerUsd: decimal(options.usdIdr, '--usd-idr') } : {}),
      };
      let estimate: RunEstimate;
      try {
        estimate = estimateRun(profile, AWS_PRICES, run);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      print(globals.json, asJson(estimate, profile), () => describe(estimate, profile));
    });
}

function readProfile(file: string | undefined): UsageProfile {
  if (file) requireInputFile(file, 'profil pemakaian (.json) seperti yang ditulis `npm run bench -- enroll --profile FILE`, atau tanpa --profile');
  else if (!existsSync(DEFAULT_PROFILE)) throw new CliError(t('Belum ada profil pemakaian di repositori: ukur satu dengan `npm run bench -- enroll --people 20000`.'));
  const text = readFileSync(file ?? DEFAULT_PROFILE, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(t('Profil pemakaian {file} bukan JSON: {problem}', { file: file ?? DEFAULT_PROFILE_NAME, problem: (error as Error).message }));
  }
  const parsed = UsageProfile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(t('Profil pemakaian {file} tidak sah: {field}: {problem}', { file: file ?? DEFAULT_PROFILE_NAME, field: issue.path.join('.'), problem: issue.message }));
  }
  return parsed.data;
}

function describe(estimate: RunEstimate, profile: UsageProfile): string[] {
  const { measured } = profile;
  const rows = [
    [t('Layanan'), t('Pemakaian'), 'USD', 'Rupiah'],
    ...estimate.lines.map((line) => [line.service, line.usage, formatUsd(line.usd), formatRupiah(line.rupiah)]),
    [t('Jumlah'), '', formatUsd(estimate.total.usd), formatRupiah(estimate.total.rupiah)],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) =>
    [row[0]!.padEnd(widths[0]!), row[1]!.padEnd(widths[1]!), row[2]!.padStart(widths[2]!), row[3]!.padStart(widths[3]!)].join('   '),
  );
  const { wallTime, assumptions } = estimate;
  const rate = AWS_PRICES.exchangeRate;
  const people = (n: number) => t('{n} orang', { n: formatCount(n) });
  return [
    t('{workflow} untuk {people}: biaya AWS dan lama pendaftaran (perkiraan)', { workflow: profile.workflow, people: people(estimate.people) }),
    t('Pemakaian diukur pada sistem lokal: `{command}` pada {date} (commit {commit}), {people}.', {
      command: measured.command,
      date: measured.date,
      commit: measured.gitCommit,
      people: people(measured.people),
    }),
    '',
    ...table.map((line) => `  ${line}`),
    '',
    t('Lama: sekitar {duration}, ditentukan oleh {limit}: {why}.', { duration: duration(wallTime.seconds), limit: wallTime.bottleneck.limit, why: wallTime.bottleneck.why }),
    t('  {shards} shard sekaligus; langkah di luar Map {duration}. Lama menurut tiap batas sendiri-sendiri:', { shards: wallTime.parallelism, duration: duration(wallTime.sequentialSeconds) }),
    ...wallTime.bounds.map((bound) => `  - ${bound.limit}: ${duration(bound.seconds)} (${bound.why})`),
    '',
    t('Harga: {prices}; per {date} (shared/documents/cost/aws-prices.json).', { prices: describePrices(), date: AWS_PRICES.retrievedOn }),
    t('Rupiah dengan kurs Rp{rate} per dolar AS{jisdor}.', {
      rate: assumptions.idrPerUsd,
      jisdor: assumptions.idrPerUsd === rate.idrPerUsd ? t(' (JISDOR, {date}; --usd-idr untuk kurs hari ini)', { date: rate.asOf }) : '',
    }),
    t('Asumsi: BPJS memerlukan {latency} ms per batch dan mengizinkan {rps} batch per detik (--insurer-latency-ms, --insurer-rps); konkurensi Lambda {lambda}.', {
      latency: formatCount(assumptions.insurerLatencyMs),
      rps: assumptions.insurerRequestsPerSecond,
      lambda: formatCount(assumptions.lambdaConcurrency),
    }),
    t('Tidak dihitung: CloudWatch Logs dan X-Ray, transfer data, penyimpanan DynamoDB (lihat docs/cost.md), dan $0.40 sebulan untuk secret.'),
  ];
}

/** Which region each service's price is for, grouped; says so when some are not the deploy region's. */
function describePrices(): string {
  const byRegion = new Map<string, string[]>();
  for (const [key, price] of Object.entries(AWS_PRICES.prices)) {
    const service = key.split('.')[0]!;
    const services = byRegion.get(price.region) ?? [];
    if (!services.includes(service)) services.push(service);
    byRegion.set(price.region, services);
  }
  const regions = [...byRegion].map(([region, services]) =>
    t(region === 'all' ? '{services} sama di semua region' : '{services} dengan tarif {region}', { services: services.join(', '), region }),
  );
  const elsewhere = [...byRegion.keys()].some((region) => region !== 'all' && region !== AWS_PRICES.deployRegion);
  return `${elsewhere ? t('harga {region} tidak ditemukan, jadi ', { region: AWS_PRICES.deployRegion }) : ''}${regions.join('; ')}`;
}

function asJson(estimate: RunEstimate, profile: UsageProfile) {
  return {
    people: estimate.people,
    workflow: profile.workflow,
    measured: profile.measured,
    lines: estimate.lines.map((line) => ({ service: line.service, usage: line.usage, usd: usdDecimal(line.usd), rupiah: line.rupiah })),
    total: { usd: usdDecimal(estimate.total.usd), rupiah: estimate.total.rupiah },
    wallTime: {
      seconds: Math.round(estimate.wallTime.seconds),
      bottleneck: estimate.wallTime.bottleneck.limit,
      parallelism: estimate.wallTime.parallelism,
      sequentialSeconds: Math.round(estimate.wallTime.sequentialSeconds),
      bounds: estimate.wallTime.bounds.map((bound) => ({ ...bound, seconds: Math.round(bound.seconds) })),
    },
    assumptions: estimate.assumptions,
    prices: { retrievedOn: AWS_PRICES.retrievedOn, exchangeRate: AWS_PRICES.exchangeRate },
  };
}

/** "45 s", "12 min 05 s", "2 h 05 min"; in Indonesian "45 dtk", "12 mnt 05 dtk", "2 jam 05 mnt". */
export function duration(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return t('{s} dtk', { s: total });
  if (total < 3600) return t('{m} mnt {s} dtk', { m: Math.floor(total / 60), s: String(total % 60).padStart(2, '0') });
  const minutes = Math.round(total / 60);
  return t('{h} jam {m} mnt', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

function wholeNumber(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(t('{option} harus bilangan bulat paling sedikit 1, bukan "{text}".', { option, text }));
  return value;
}

function numberOption(text: string, option: string, { zeroAllowed }: { zeroAllowed: boolean }): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new UsageError(t(zeroAllowed ? '{option} harus bilangan yang tidak negatif, bukan "{text}".' : '{option} harus bilangan positif, bukan "{text}".', { option, text }));
  }
  return value;
}

function decimal(text: string, option: string): string {
  if (!/^\d+(\.\d{1,12})?$/.test(text)) throw new UsageError(t('{option} harus bilangan desimal seperti 16693 atau 16693.5, bukan "{text}".', { option, text }));
  return text;
}
