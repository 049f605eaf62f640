import { describe, expect, it } from 'vitest';
import { AWS_PRICES, type AwsPriceList } from '../../shared/documents/cost/aws-price-list';
import { estimateRun } from '../../shared/documents/cost/run-estimate';
import type { UsageProfile } from '../../shared/documents/cost/usage-profile';
import { formatUsd, parseUsd, scaleUsd, usdDecimal, usdToRupiah } from '../../shared/documents/cost/usd';
import { PAGES_IN_FLIGHT } from '../../shared/core/enrollment/enroll-shard';

describe('pico-dollar money', () => {
  it('parses AWS unit prices exactly and refuses what it cannot hold', () => {
    expect(parseUsd('0.0000133334')).toBe(13_333_400n);
    expect(parseUsd('0.40')).toBe(400_000_000_000n);
    expect(parseUsd('2')).toBe(2_000_000_000_000n);
    expect(() => parseUsd('0.0000000000001')).toThrow('more than 12 decimals');
    expect(() => parseUsd('-1')).toThrow('not a decimal number');
    expect(() => parseUsd('1e-6')).toThrow('not a decimal number');
  });

  it('adds ten million tiny prices without drifting, where floating point does', () => {
    const price = parseUsd('0.0000001425');
    let exact = 0n;
    let float = 0;
    for (let i = 0; i < 10_000_000; i++) {
      exact += price;
      float += 0.0000001425;
    }
    expect(usdDecimal(exact, 12)).toBe('1.425000000000');
    expect(float).not.toBe(1.425);
  });

  it('scales and rounds half up, formats dollars and converts to whole rupiah', () => {
    // 1,536,000 MB-ms = 1.5 GB-s at $0.0000133334 = $0.0000200001.
    expect(scaleUsd(parseUsd('0.0000133334'), 1_536_000n, 1_024_000n)).toBe(20_000_100n);
    expect(scaleUsd(5n, 1n, 2n)).toBe(3n);
    expect(formatUsd(parseUsd('1234.565'))).toBe('$1,234.57');
    expect(formatUsd(parseUsd('0.004'))).toBe('<$0.01');
    expect(formatUsd(0n)).toBe('$0.00');
    expect(usdDecimal(parseUsd('0.0000133334'), 6)).toBe('0.000013');
    expect(usdToRupiah(parseUsd('1'), '16693')).toBe(16_693);
    expect(usdToRupiah(parseUsd('0.00003'), '16693')).toBe(1); // Rp0.50079 rounds up
    expect(usdToRupiah(parseUsd('2.5'), '16693.5')).toBe(41_734); // 41,733.75
  });
});

/** A run measured at 1,000 people: 67 transitions per run, everything else per person. */
const profile: UsageProfile = {
  formatVersion: 1,
  workflow: 'Enrollment run',
  measured: { command: 'test', people: 1000, date: '2026-11-21', gitCommit: 'abcdef0' },
  fixed: { transitions: 67, lambdaInvocations: 34, lambdaMegabyteMs: 0, readRequestUnits: 0, writeRequestUnits: 0, httpApiRequests: 2, insurerRequests: 0 },
  scaling: {
    people: 1000,
    totals: { transitions: 0, lambdaInvocations: 0, lambdaMegabyteMs: 1_024_000_000, readRequestUnits: 1500.5, writeRequestUnits: 6000, httpApiRequests: 0, insurerRequests: 10 },
  },
  perPerson: { transitions: 0, lambdaGbSeconds: 1, lambdaInvocations: 0, writeRequestUnits: 6, readRequestUnits: 1.5, httpApiRequests: 0, insurerRequests: 0.01 },
  functions: {
    Plan: { memoryMb: 512, role: 'workflow', fixed: { invocations: 1, billedMs: 2000, outboundRequests: 0 }, scaling: { invocations: 0, billedMs: 0, outboundRequests: 0 } },
    Shard: { memoryMb: 1024, role: 'map', fixed: { invocations: 32, billedMs: 0, outboundRequests: 0 }, scaling: { invocations: 0, billedMs: 1_000_000, outboundRequests: 10 } },
    Status: { memoryMb: 512, role: 'api', fixed: { invocations: 1, billedMs: 50, outboundRequests: 0 }, scaling: { invocations: 0, billedMs: 0, outboundRequests: 0 } },
  },
  map: { stateMachine: 'Run', state: 'EnrollShards', iterations: 32, maxConcurrency: 8, distributed: true },
  hotPartition: { table: 'Main', key: 'RUN#r1', writeUnits: 40 },
};

/** The checked-in price list with round prices, so that expected amounts can be worked out by hand. */
const prices: AwsPriceList = {
  ...AWS_PRICES,
  exchangeRate: { ...AWS_PRICES.exchangeRate, idrPerUsd: '16000' },
  prices: Object.fromEntries(
    Object.entries(AWS_PRICES.prices).map(([key, price]) => [
      key,
      {
        ...price,
        usd: {
          'stepFunctions.stateTransition': '0.000025',
          'lambda.arm64.gbSecond': '0.00001',
          'lambda.arm64.request': '0.0000002',
          'dynamodb.writeRequestUnit': '0.000001',
          'dynamodb.readRequestUnit': '0.0000002',
          'dynamodb.storageGbMonth': '0.25',
          'apiGateway.httpRequest': '0.000001',
          'secretsManager.secretMonth': '0.40',
          'secretsManager.apiCall': '0.000005',
        }[key]!,
      },
    ]),
  ) as AwsPriceList['prices'],
};

describe('estimateRun', () => {
  it('adds per-run usage to per-person usage scaled to the run, and prices each service', () => {
    const estimate = estimateRun(profile, prices, { people: 100_000, insurerLatencyMs: 0 });
    const byService = Object.fromEntries(estimate.lines.map((line) => [line.service, { usage: line.usage, usd: usdDecimal(line.usd), rupiah: line.rupiah }]));
    expect(byService).toEqual({
      'Step Functions': { usage: '67 state transitions', usd: '0.001675', rupiah: 27 },
      // 1 GB-s per person.
      'Lambda duration': { usage: '100,000 GB-seconds (arm64)', usd: '1.000000', rupiah: 16_000 },
      'Lambda requests': { usage: '34 invocations', usd: '0.000007', rupiah: 0 },
      'DynamoDB writes': { usage: '600,000 write request units', usd: '0.600000', rupiah: 9_600 },
      // 1,500.5 units per 1,000 people, in halves: 150,050 exactly.
      'DynamoDB reads': { usage: '150,050 read request units', usd: '0.030010', rupiah: 480 },
      'API Gateway': { usage: '2 HTTP API requests', usd: '0.000002', rupiah: 0 },
      // One secret read per shard sandbox: 8 at once.
      'Secrets Manager': { usage: '8 API calls', usd: '0.000040', rupiah: 1 },
    });
    expect(usdDecimal(estimate.total.usd)).toBe('1.631734');
    expect(estimate.total.rupiah).toBe(26_108);
  });

  it('bills the insurer wait as Lambda duration of the function that calls it', () => {
    const quick = estimateRun(profile, prices, { people: 1000, insurerLatencyMs: 0 });
    const slow = estimateRun(profile, prices, { people: 1000, insurerLatencyMs: 2000 });
    const duration = (estimate: typeof quick) => estimate.lines.find((line) => line.service === 'Lambda duration')!.usd;
    // 10 batches × 2 s × 1 GB, PAGES_IN_FLIGHT batches out at a time per shard, at $0.00001 a GB-s.
    expect(Number(duration(slow) - duration(quick))).toBeCloseTo(Number(parseUsd('0.0002')) / PAGES_IN_FLIGHT, -4);
  });

  it('never sends fewer batches than people / 100, whatever the extrapolation says', () => {
    // Measured where partly filled batches dominate: 5 batches per 1,000 people.
    const halfFull = { ...profile, scaling: { people: 1000, totals: { ...profile.scaling.totals, insurerRequests: 5 } } };
    const shard = { ...profile.functions.Shard!, scaling: { ...profile.functions.Shard!.scaling, outboundRequests: 5 } };
    const estimate = estimateRun({ ...halfFull, functions: { ...profile.functions, Shard: shard } }, prices, { people: 100_000, insurerLatencyMs: 1000, insurerRequestsPerSecond: 1 });
    expect(estimate.wallTime.bounds.find((bound) => bound.limit === 'insurer rate limit')).toMatchObject({ seconds: 1000, why: '1,000 batch requests at 1 a second' });
    // Their wait is billed too: 1,000 batches × 1 s × 1 GB, PAGES_IN_FLIGHT at a time, on top of 100,000 GB-s.
    const gbSeconds = (100_000 + Math.floor(1000 / PAGES_IN_FLIGHT)).toLocaleString('en-US');
    expect(estimate.lines.find((line) => line.service === 'Lambda duration')!.usage).toBe(`${gbSeconds} GB-seconds (arm64)`);
  });

  it('finds the limit that sets the wall time: shard concurrency, or the insurer, or a hot partition', () => {
    // 1,000 s of shard work per 1,000 people plus 1.5 s per batch (PAGES_IN_FLIGHT at a time), 8 shards at once (4 rounds of 8).
    const concurrency = estimateRun(profile, prices, { people: 100_000, insurerLatencyMs: 1500, insurerRequestsPerSecond: 100 });
    expect(concurrency.wallTime.bottleneck.limit).toBe('shard concurrency (EnrollShards MaxConcurrency 8)');
    expect(concurrency.wallTime.parallelism).toBe(8);
    expect(concurrency.wallTime.bottleneck.seconds).toBeCloseTo((100_000 + (1000 * 1.5) / PAGES_IN_FLIGHT) / 8, 1);
    expect(concurrency.wallTime.seconds).toBeCloseTo(2 + (100_000 + (1000 * 1.5) / PAGES_IN_FLIGHT) / 8, 1);

    // 10 shards at once still take 4 rounds: no faster than 8.
    const ten = estimateRun(profile, prices, { people: 100_000, insurerLatencyMs: 1500, insurerRequestsPerSecond: 100, concurrency: 10 });
    expect(ten.wallTime.bottleneck.seconds).toBeCloseTo(concurrency.wallTime.bottleneck.seconds);
    // 32 at once: one round.
    const all = estimateRun(profile, prices, { people: 100_000, insurerLatencyMs: 1500, insurerRequestsPerSecond: 100, concurrency: 500 });
    expect(all.wallTime.parallelism).toBe(32);
    expect(all.wallTime.bounds[0]!.limit).toBe('shard count (32 NIK buckets)');

    // A slow partner: 1,000 batches at 0.25 a second (4,000 s), slower than 32 shards' 3,125 s of work.
    const insurer = estimateRun(profile, prices, { people: 100_000, insurerLatencyMs: 0, insurerRequestsPerSecond: 0.25, concurrency: 32 });
    expect(insurer.wallTime.bottleneck).toMatchObject({ limit: 'insurer rate limit', seconds: 4000 });

    // 40 write units to one key per 1,000 people: 400,000 at 10 million people, 400 s at 1,000 a second.
    const idleShards = { ...profile.functions.Shard!, scaling: { invocations: 0, billedMs: 0, outboundRequests: 0 } };
    const fewWrites = { ...profile.scaling.totals, writeRequestUnits: 100 };
    const hot = estimateRun({ ...profile, functions: { ...profile.functions, Shard: idleShards }, scaling: { people: 1000, totals: fewWrites } }, prices, {
      people: 10_000_000,
      insurerRequestsPerSecond: 1_000_000,
    });
    expect(hot.wallTime.bottleneck).toMatchObject({ limit: 'DynamoDB partition throughput', seconds: 400 });
    // 1,000,000 write units in all: 25 s at a table's 40,000 a second.
    expect(hot.wallTime.bounds.find((bound) => bound.limit === 'DynamoDB table throughput')!.seconds).toBe(25);
  });

  it('refuses options that make no sense, naming them', () => {
    expect(() => estimateRun(profile, prices, { people: 0 })).toThrow('people must be a positive whole number');
    expect(() => estimateRun(profile, prices, { people: 10, concurrency: 0 })).toThrow('concurrency must be a positive number');
    expect(() => estimateRun(profile, prices, { people: 10, insurerRequestsPerSecond: -1 })).toThrow('insurer requests per second must be a positive number');
  });
});

describe('the checked-in price list', () => {
  it('dates every price and quota and names its source', () => {
    for (const price of Object.values(AWS_PRICES.prices)) expect(price.asOf).toMatch(/^20\d\d-\d\d-\d\d$/);
    for (const quota of Object.values(AWS_PRICES.quotas)) expect(quota.source === 'assumption' ? quota.assumption : true).toBe(true);
    expect(AWS_PRICES.deployRegion).toBe('ap-southeast-3');
  });
});
