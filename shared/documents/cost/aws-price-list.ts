import { z } from 'zod';
import pricesJson from './aws-prices.json';
import { type PicoUsd, parseUsd } from './usd';

/**
 * AWS prices and quotas a run's cost and wall time depend on (shared/documents/cost/aws-prices.json):
 * dated data with a source each, never constants in code. Objects are strict so that a misspelt
 * key fails loudly instead of leaving a price out.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const Decimal = z.string().regex(/^\d+(\.\d{1,12})?$/, 'must be a decimal string with at most 12 decimals');

const Price = z.strictObject({
  usd: Decimal,
  unit: z.string().min(1),
  /** The region the figure is for (the deploy region when found, else the nearest one found). */
  region: z.string().min(1),
  asOf: IsoDate,
  source: z.url(),
  note: z.string().optional(),
});

const Quota = z.strictObject({
  value: z.number().positive(),
  burst: z.number().positive().optional(),
  /** Not a published figure: a stand-in until the real one is known. */
  assumption: z.boolean().optional(),
  asOf: IsoDate,
  source: z.union([z.url(), z.literal('assumption')]),
  note: z.string().optional(),
});

const PRICE_KEYS = [
  'stepFunctions.stateTransition',
  'lambda.arm64.gbSecond',
  'lambda.arm64.request',
  'dynamodb.writeRequestUnit',
  'dynamodb.readRequestUnit',
  'dynamodb.storageGbMonth',
  'apiGateway.httpRequest',
  'secretsManager.secretMonth',
  'secretsManager.apiCall',
] as const;

const QUOTA_KEYS = [
  'lambda.concurrentExecutions',
  'stepFunctions.stateTransitionsPerSecond',
  'stepFunctions.startExecutionPerSecond',
  'stepFunctions.distributedMapChildConcurrency',
  'stepFunctions.inlineMapConcurrency',
  'dynamodb.partitionWriteUnitsPerSecond',
  'dynamodb.partitionReadUnitsPerSecond',
  'dynamodb.tableWriteUnitsPerSecond',
  'insurer.requestsPerSecond',
  'insurer.latencyMs',
] as const;

export const AwsPriceList = z.strictObject({
  deployRegion: z.string().min(1),
  retrievedOn: IsoDate,
  note: z.string(),
  prices: z.strictObject(Object.fromEntries(PRICE_KEYS.map((key) => [key, Price])) as Record<(typeof PRICE_KEYS)[number], typeof Price>),
  exchangeRate: z.strictObject({ idrPerUsd: Decimal, asOf: IsoDate, source: z.url(), note: z.string().optional() }),
  quotas: z.strictObject(Object.fromEntries(QUOTA_KEYS.map((key) => [key, Quota])) as Record<(typeof QUOTA_KEYS)[number], typeof Quota>),
});
export type AwsPriceList = z.infer<typeof AwsPriceList>;
export type PriceKey = (typeof PRICE_KEYS)[number];
export type QuotaKey = (typeof QUOTA_KEYS)[number];

/** The checked-in price list, validated. */
export const AWS_PRICES: AwsPriceList = AwsPriceList.parse(pricesJson);

/** A price in pico-dollars per unit. */
export function unitPrice(prices: AwsPriceList, key: PriceKey): PicoUsd {
  return parseUsd(prices.prices[key].usd);
}
