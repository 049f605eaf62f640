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
import { formatCount, print } from '../output';
import { REPO_ROOT } from '../repo-root';
import { UsageError } from '../usage-error';

const DEFAULT_PROFILE = path.join(REPO_ROOT, 'shared', 'documents', 'cost', 'enrollment-usage-profile.json');

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
    .description('Estimate the AWS cost and wall time of an enrollment run, from measured usage and dated prices (no stack needed)')
    .requiredOption('--people <n>', 'people in the run')
    .option('--concurrency <n>', "shards enrolled at once (the Distributed Map's MaxConcurrency; default: as deployed)")
    .option('--insurer-rps <n>', "the insurer's rate limit in batch requests a second (default: the price list's assumption)")
    .option('--insurer-latency-ms <ms>', "the insurer's time per batch of up to 100 people (default: the price list's assumption)")
    .option('--usd-idr <rate>', "rupiah per US dollar (default: the price list's dated JISDOR rate)")
    .option('--profile <file>', 'a usage profile other than the checked-in shared/documents/cost/enrollment-usage-profile.json')
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
  if (file) requireInputFile(file, 'a usage profile (.json) as `npm run bench -- enroll --profile FILE` writes it, or leave out --profile');
  else if (!existsSync(DEFAULT_PROFILE)) throw new CliError('No usage profile is checked in yet: measure one with `npm run bench -- enroll --people 20000`.');
  const text = readFileSync(file ?? DEFAULT_PROFILE, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`The usage profile ${file ?? 'shared/documents/cost/enrollment-usage-profile.json'} is not JSON: ${(error as Error).message}`);
  }
  const parsed = UsageProfile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`The usage profile ${file ?? 'shared/documents/cost/enrollment-usage-profile.json'} is not valid: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function describe(estimate: RunEstimate, profile: UsageProfile): string[] {
  const { measured } = profile;
  const rows = estimate.lines.map((line) => [line.service, line.usage, formatUsd(line.usd), formatRupiah(line.rupiah)]);
  rows.push(['Total', '', formatUsd(estimate.total.usd), formatRupiah(estimate.total.rupiah)]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) =>
    [row[0]!.padEnd(widths[0]!), row[1]!.padEnd(widths[1]!), row[2]!.padStart(widths[2]!), row[3]!.padStart(widths[3]!)].join('   '),
  );
  const { wallTime, assumptions } = estimate;
  const rate = AWS_PRICES.exchangeRate;
  return [
    `${profile.workflow} for ${formatCount(estimate.people)} people: AWS cost and wall time (estimate)`,
    `Usage measured on the local stack: \`${measured.command}\` on ${measured.date} (commit ${measured.gitCommit}), ${formatCount(measured.people)} people.`,
    '',
    ...table.map((line) => `  ${line}`),
    '',
    `Wall time: about ${duration(wallTime.seconds)}, set by the ${wallTime.bottleneck.limit}: ${wallTime.bottleneck.why}.`,
    `  ${wallTime.parallelism} shards at once; steps outside the Map ${duration(wallTime.sequentialSeconds)}. Each limit alone would take:`,
    ...wallTime.bounds.map((bound) => `  - ${bound.limit}: ${duration(bound.seconds)} (${bound.why})`),
    '',
    `Prices: ${describePrices()}; as of ${AWS_PRICES.retrievedOn} (shared/documents/cost/aws-prices.json).`,
    `Rupiah at Rp${assumptions.idrPerUsd} per US dollar${assumptions.idrPerUsd === rate.idrPerUsd ? ` (JISDOR, ${rate.asOf}; --usd-idr for today's)` : ''}.`,
    `Assumed: the insurer takes ${formatCount(assumptions.insurerLatencyMs)} ms per batch and allows ${assumptions.insurerRequestsPerSecond} batches a second (--insurer-latency-ms, --insurer-rps); Lambda concurrency ${formatCount(assumptions.lambdaConcurrency)}.`,
    'Not counted: CloudWatch Logs and X-Ray, data transfer, DynamoDB storage (see docs/cost.md), and the secret\'s $0.40 a month.',
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
    region === 'all' ? `${services.join(', ')} the same everywhere` : `${services.join(', ')} at ${region} rates`,
  );
  const elsewhere = [...byRegion.keys()].some((region) => region !== 'all' && region !== AWS_PRICES.deployRegion);
  return `${elsewhere ? `no ${AWS_PRICES.deployRegion} prices found, so ` : ''}${regions.join('; ')}`;
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

/** "45 s", "12 min 05 s", "2 h 05 min". */
export function duration(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  const minutes = Math.round(total / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function wholeNumber(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number of at least 1, not "${text}".`);
  return value;
}

function numberOption(text: string, option: string, { zeroAllowed }: { zeroAllowed: boolean }): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new UsageError(`${option} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, not "${text}".`);
  }
  return value;
}

function decimal(text: string, option: string): string {
  if (!/^\d+(\.\d{1,12})?$/.test(text)) throw new UsageError(`${option} must be a decimal number such as 16693 or 16693.5, not "${text}".`);
  return text;
}
