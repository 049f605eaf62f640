import { PAGES_IN_FLIGHT } from '../../core/enrollment/enroll-shard';
import { INSURER_MAX_BATCH_SIZE } from '../../core/enrollment/insurer-port';
import { type AwsPriceList, type PriceKey, unitPrice } from './aws-price-list';
import type { FunctionProfile, UsageProfile, UsageTotals } from './usage-profile';
import { type PicoUsd, scaleUsd, usdToRupiah } from './usd';

export interface EstimateOptions {
  readonly people: number;
  /** Shards running at once: the Map's MaxConcurrency. Default: as deployed. */
  readonly concurrency?: number;
  /** The partner API's rate limit, batch requests a second. Default: the price list's assumption. */
  readonly insurerRequestsPerSecond?: number;
  /** The partner API's time per batch. Default: the price list's assumption. */
  readonly insurerLatencyMs?: number;
  /** Rupiah per US dollar, a decimal string. Default: the price list's dated rate. */
  readonly idrPerUsd?: string;
}

export interface CostLine {
  readonly service: string;
  /** What is billed, e.g. "1,503,201 state transitions". */
  readonly usage: string;
  readonly usd: PicoUsd;
  readonly rupiah: number;
}

/** A lower bound on the time of the run's parallel phase, from one limit. */
export interface TimeBound {
  readonly limit: string;
  readonly seconds: number;
  readonly why: string;
}

export interface RunEstimate {
  readonly people: number;
  readonly lines: readonly CostLine[];
  readonly total: { readonly usd: PicoUsd; readonly rupiah: number };
  readonly wallTime: {
    readonly seconds: number;
    /** The limit that sets the parallel phase's time. */
    readonly bottleneck: TimeBound;
    readonly bounds: readonly TimeBound[];
    /** Shards running at once. */
    readonly parallelism: number;
    /** The run's steps outside the Map (plan, finish), one after another. */
    readonly sequentialSeconds: number;
  };
  readonly assumptions: {
    readonly idrPerUsd: string;
    readonly insurerRequestsPerSecond: number;
    readonly insurerLatencyMs: number;
    readonly lambdaConcurrency: number;
  };
}

const MEGABYTE_MS_PER_GB_SECOND = 1_024_000n;

/**
 * The AWS cost and wall time of one run for `people` people, from a measured usage profile and
 * the dated price list. Quantities are whole numbers (read and write units in halves) scaled from
 * the profile with integer arithmetic; money is in pico-dollars until it is shown.
 */
export function estimateRun(profile: UsageProfile, prices: AwsPriceList, options: EstimateOptions): RunEstimate {
  const { people } = options;
  if (!Number.isSafeInteger(people) || people < 1) throw new Error(`people must be a positive whole number, not ${people}`);
  const quotas = prices.quotas;
  const insurerRequestsPerSecond = positive(options.insurerRequestsPerSecond ?? quotas['insurer.requestsPerSecond'].value, 'insurer requests per second');
  const insurerLatencyMs = nonNegative(options.insurerLatencyMs ?? quotas['insurer.latencyMs'].value, 'insurer latency');
  const idrPerUsd = options.idrPerUsd ?? prices.exchangeRate.idrPerUsd;
  const lambdaConcurrency = quotas['lambda.concurrentExecutions'].value;

  const at = (fixed: number, scaling: number) => BigInt(fixed) + divideRounded(BigInt(scaling) * BigInt(people), BigInt(profile.scaling.people));
  const total = (key: keyof UsageTotals) => at(profile.fixed[key], profile.scaling.totals[key]);
  // Read units come in halves (eventually consistent reads), so they are scaled in halves.
  const readHalves = at(profile.fixed.readRequestUnits * 2, profile.scaling.totals.readRequestUnits * 2);
  const billedMsOf = (role: FunctionProfile['role']) =>
    Object.values(profile.functions)
      .filter((fn) => fn.role === role)
      .reduce((sum, fn) => sum + at(fn.fixed.billedMs, fn.scaling.billedMs), 0n);

  // A batch holds at most INSURER_MAX_BATCH_SIZE people, so a run sends at least people / that
  // many. Below that the measurement's extrapolation undercounts: partly filled batches (a
  // segment's last page in each NIK bucket) weigh less the bigger the run. Calls are scaled up to it.
  const measuredBatches = total('insurerRequests');
  const fullBatches = BigInt(Math.ceil(people / INSURER_MAX_BATCH_SIZE));
  const insurerRequests = measuredBatches > 0n && measuredBatches < fullBatches ? fullBatches : measuredBatches;
  const callsOf = (fn: UsageProfile['functions'][string]) => {
    const calls = at(fn.fixed.outboundRequests, fn.scaling.outboundRequests);
    return insurerRequests === measuredBatches ? calls : divideRounded(calls * insurerRequests, measuredBatches);
  };
  // The partner's answer takes insurerLatencyMs per batch; the calling function waits, billed.
  // A shard has PAGES_IN_FLIGHT batches out at a time, so its waits overlap that many fold.
  const latency = BigInt(Math.round(insurerLatencyMs));
  const inFlight = BigInt(PAGES_IN_FLIGHT);
  const waitMsOf = (calls: bigint) => divideRounded(calls * latency, inFlight);
  const insurerWaitMegabyteMs = Object.values(profile.functions).reduce((sum, fn) => sum + waitMsOf(callsOf(fn)) * BigInt(fn.memoryMb), 0n);
  const parallelism = shardParallelism(profile, prices, options.concurrency, lambdaConcurrency);

  const transitions = total('transitions');
  const invocations = total('lambdaInvocations');
  const megabyteMs = total('lambdaMegabyteMs') + insurerWaitMegabyteMs;
  const writeUnits = total('writeRequestUnits');
  const apiRequests = total('httpApiRequests');
  // Each shard's sandbox reads the insurer's credentials once when it starts.
  const secretReads = profile.map ? BigInt(parallelism.shards) : 0n;

  const price = (key: PriceKey) => unitPrice(prices, key);
  const line = (service: string, usage: string, usd: PicoUsd): CostLine => ({ service, usage, usd, rupiah: usdToRupiah(usd, idrPerUsd) });
  const lines = [
    line('Step Functions', `${count(transitions)} state transitions`, price('stepFunctions.stateTransition') * transitions),
    line('Lambda duration', `${count(divideRounded(megabyteMs, MEGABYTE_MS_PER_GB_SECOND))} GB-seconds (arm64)`, scaleUsd(price('lambda.arm64.gbSecond'), megabyteMs, MEGABYTE_MS_PER_GB_SECOND)),
    line('Lambda requests', `${count(invocations)} invocations`, price('lambda.arm64.request') * invocations),
    line('DynamoDB writes', `${count(writeUnits)} write request units`, price('dynamodb.writeRequestUnit') * writeUnits),
    line('DynamoDB reads', `${units(readHalves)} read request units`, scaleUsd(price('dynamodb.readRequestUnit'), readHalves, 2n)),
    line('API Gateway', `${count(apiRequests)} HTTP API requests`, price('apiGateway.httpRequest') * apiRequests),
    line('Secrets Manager', `${count(secretReads)} API calls`, price('secretsManager.apiCall') * secretReads),
  ];
  const totalUsd = lines.reduce((sum, l) => sum + l.usd, 0n);

  const mapCalls = Object.values(profile.functions).filter((fn) => fn.role === 'map').reduce((sum, fn) => sum + callsOf(fn), 0n);
  const mapWorkMs = billedMsOf('map') + waitMsOf(mapCalls);
  const hot = profile.hotPartition;
  const hotWriteUnits = hot ? (hot.writeUnits * people) / profile.scaling.people : 0;
  const transitionRate = quotas['stepFunctions.stateTransitionsPerSecond'];
  const bounds: TimeBound[] = [
    {
      limit: parallelism.limit,
      seconds: Number(mapWorkMs) / 1000 / parallelism.effective,
      why: `${count(mapWorkMs / 1000n)} s of shard work (the insurer's ${insurerLatencyMs} ms per batch included, ${PAGES_IN_FLIGHT} batches at a time per shard) over ${parallelism.shards} shards at once, ${profile.map?.iterations ?? 0} shards in all`,
    },
    {
      limit: 'insurer rate limit',
      seconds: Number(insurerRequests) / insurerRequestsPerSecond,
      why: `${count(insurerRequests)} batch requests at ${insurerRequestsPerSecond} a second`,
    },
    {
      limit: 'DynamoDB partition throughput',
      seconds: hotWriteUnits / quotas['dynamodb.partitionWriteUnitsPerSecond'].value,
      why: hot
        ? `${count(BigInt(Math.round(hotWriteUnits)))} write units to one partition key (${hot.key}) at ${quotas['dynamodb.partitionWriteUnitsPerSecond'].value} a second`
        : 'no partition key written more than once',
    },
    {
      limit: 'DynamoDB table throughput',
      seconds: Number(writeUnits) / quotas['dynamodb.tableWriteUnitsPerSecond'].value,
      why: `${count(writeUnits)} write units at ${count(BigInt(quotas['dynamodb.tableWriteUnitsPerSecond'].value))} a second (all tables against one table's quota)`,
    },
    {
      limit: 'Step Functions state transition rate',
      seconds: Math.max(0, Number(transitions) - (transitionRate.burst ?? 0)) / transitionRate.value,
      why: `${count(transitions)} transitions at ${transitionRate.value} a second after a burst of ${transitionRate.burst ?? 0}`,
    },
  ];
  const bottleneck = bounds.reduce((slowest, bound) => (bound.seconds > slowest.seconds ? bound : slowest));
  const sequentialSeconds = Number(billedMsOf('workflow')) / 1000;
  return {
    people,
    lines,
    total: { usd: totalUsd, rupiah: usdToRupiah(totalUsd, idrPerUsd) },
    wallTime: { seconds: sequentialSeconds + bottleneck.seconds, bottleneck, bounds, parallelism: parallelism.shards, sequentialSeconds },
    assumptions: { idrPerUsd, insurerRequestsPerSecond, insurerLatencyMs, lambdaConcurrency },
  };
}

/**
 * How many shards run at once, and what limits it: the Map's MaxConcurrency (or `concurrency`),
 * the Map mode's own ceiling, the account's Lambda concurrency and the number of shards. Shards
 * go in rounds, so 32 shards 10 at a time take 4 rounds: as slow as 8 at a time.
 */
function shardParallelism(profile: UsageProfile, prices: AwsPriceList, concurrency: number | undefined, lambdaConcurrency: number) {
  const map = profile.map;
  if (!map || map.iterations === 0) return { shards: 1, effective: 1, limit: 'sequential work (no Map)' };
  if (concurrency !== undefined) positive(concurrency, 'concurrency');
  const modeCeiling = prices.quotas[map.distributed ? 'stepFunctions.distributedMapChildConcurrency' : 'stepFunctions.inlineMapConcurrency'].value;
  const limits = [
    { value: concurrency ?? (map.maxConcurrency || Number.POSITIVE_INFINITY), limit: `shard concurrency (${map.state} MaxConcurrency ${concurrency ?? (map.maxConcurrency || 'unbounded')})` },
    { value: modeCeiling, limit: `${map.distributed ? 'Distributed' : 'Inline'} Map concurrency` },
    { value: lambdaConcurrency, limit: 'Lambda concurrency' },
    { value: map.iterations, limit: `shard count (${map.iterations} NIK buckets)` },
  ];
  const tightest = limits.reduce((a, b) => (b.value < a.value ? b : a));
  const shards = Math.floor(tightest.value);
  return { shards, effective: map.iterations / Math.ceil(map.iterations / shards), limit: tightest.limit };
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (2n * denominator);
}

function count(n: bigint): string {
  return n.toLocaleString('en-US');
}

function units(halves: bigint): string {
  return halves % 2n === 0n ? count(halves / 2n) : `${count(halves / 2n)}.5`;
}

function positive(value: number, what: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${what} must be a positive number, not ${value}`);
  return value;
}

function nonNegative(value: number, what: string): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new Error(`${what} must be zero or more, not ${value}`);
  return value;
}
