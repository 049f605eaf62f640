import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { parse } from 'yaml';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { ALL_NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import type { RosterEntry } from '../../shared/core/roster/roster-entry';
import { forEachConcurrently } from '../../shared/lib/for-each-concurrently';
import { MAX_SCENARIO_PEOPLE_PAGE } from '../../shared/core/simulation/scenario-people';
import { call } from './api-call';
import { startBenchStack } from './bench-stack';
import { measuredPhase } from './measured-phase';
import { median } from './pairs';
import { peakRssMb, peakRssMbOf } from './peak-memory';

const YEAR = 2027;
/** Totals are asked this many times per pair; the pair reports their median. */
const TOTALS_CALLS = 5;
/** People per page of the floor: as many as the list's pages hold at most. */
const PAGE_SIZE = MAX_SCENARIO_PEOPLE_PAGE;
/** Buckets listed at a time, by the person list and by its floor alike. */
const BUCKETS_IN_FLIGHT = 8;

/** A person of the benchmark: a 16-digit NIK no other bench uses (district 98 of 3674), born 1957–1998. */
const nikOf = (i: number) => `367498${String(i).padStart(10, '0')}`;
const birthDateOf = (i: number) => `${1957 + (i % 42)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

/**
 * `npm run bench -- simulate --people N [--pairs P]`: a roster of N people over Tangsel's six
 * segments (seeded as an import leaves it: entries, summary, and each bucket's ages and packed
 * people), and a scenario that asks what finance asks in July: a ceiling that cuts a segment
 * part-way, 10% more people from July, a higher declared income, five years ahead. Then P times
 * over, in one process: the floor (a plain Query of every roster entry, as many buckets at a time
 * as the list reads), the totals (GET …/simulation, the median of 5 calls) and the person list
 * (every bucket's people of every segment through GET …/people, as many a page as it gives,
 * funded or not, its cut settled afresh: each pair saves a new version of the scenario). Reports
 * the totals' seconds, the list's seconds and its ratio to the floor, each a median with its
 * spread, and memory.
 */
export async function simulateScenario(people: number, log: (line: string) => void, options: { pairs?: number } = {}) {
  const pairCount = options.pairs ?? 3;
  const { stack, dynamoDbLocalPid, stop } = await startBenchStack('simulate');
  try {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbEndpoint, MAIN_TABLE: stack.tableName('DataMain'), AUDIT_TABLE: stack.tableName('DataAudit') });
    const { DynamoDbRosterLedger } = await import('../../shared/adapters/dynamodb/dynamodb-roster-ledger');
    const { rosterEntryItem } = await import('../../shared/adapters/dynamodb/roster-entry-items');
    const { rosterKeys, rosterPartition } = await import('../../shared/adapters/dynamodb/roster-keys');
    const { SEGMENT_COUNT_PREFIX } = await import('../../shared/adapters/dynamodb/dynamodb-import-store');
    const { batchWrite } = await import('../../shared/adapters/dynamodb/batch-operations');
    const roster = new DynamoDbRosterLedger();
    const table = stack.tableName('DataMain');
    const finance = await stack.token('bench-finance', ['finance'], '3674');
    const admin = await stack.token('bench-admin', ['admin'], '3674');

    const example = parse(readFileSync(new URL('../../examples/perwal-tangsel-25-2019.yaml', import.meta.url), 'utf8'));
    const regulationId = 'bench-simulate';
    const segments: { code: string; priority: number }[] = example.segments;
    await call(stack.apiUrl, admin, 'PUT', `/regulations/${regulationId}`, {
      ...example,
      id: regulationId,
      overTarget: 'allow',
    });

    log(`seeding ${people} people on the roster (setup, not timed)`);
    const seeded = performance.now();
    const counts: Record<string, number> = {};
    await forEachConcurrently(Array.from({ length: Math.ceil(people / 1_000) }, (_, b) => b), 4, async (b) => {
      const items: Record<string, unknown>[] = [];
      for (let i = b * 1_000; i < Math.min(people, (b + 1) * 1_000); i++) {
        const segment = segments[i % segments.length]!;
        counts[segment.code] = (counts[segment.code] ?? 0) + 1;
        const entry: RosterEntry = {
          nik: nikOf(i), year: YEAR, regulationId, segment: segment.code, priority: segment.priority, importId: 'bench-import', row: i + 2,
          name: `Warga ${i}`, birthDate: birthDateOf(i), gender: i % 2 ? 'L' : 'P', updatedAt: '2026-07-01T00:00:00.000Z',
        };
        items.push(rosterEntryItem(entry));
      }
      await batchWrite(table, items.map((Item) => ({ PutRequest: { Item } })));
    });
    await batchWrite(table, [{
      PutRequest: { Item: { ...rosterKeys.summary(regulationId, YEAR), version: 1, updatedAt: '2026-07-01T00:00:00.000Z', ...Object.fromEntries(Object.entries(counts).map(([code, n]) => [`${SEGMENT_COUNT_PREFIX}${code}`, n])) } },
    }]);
    // What each import shard does last, under its lease: count the bucket's ages.
    await forEachConcurrently(ALL_NIK_BUCKETS, 4, (bucket) => roster.refreshBucketViews(regulationId, YEAR, bucket));
    log(`seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

    // A ceiling that funds the first segments whole and cuts the middle one part-way.
    const perPerson = 16_800 * 12;
    const ceiling = perPerson * Math.floor(people * 0.55);
    const scenario = {
      id: 'bench-juli', name: 'Pagu, tambahan Juli, penghasilan naik', regulationId, year: YEAR, ceiling, declaredIncome: 1_000_000, projectionYears: 5,
      cohorts: [{ startMonth: `${YEAR}-07`, people: { [segments[0]!.code]: Math.ceil(people / 10) } }],
      segments: Object.fromEntries(segments.map((s) => [s.code, { growthPercent: 2 }])),
    };
    await call(stack.apiUrl, finance, 'PUT', `/regulations/${regulationId}/scenarios/${scenario.id}`, scenario);
    const base = `/regulations/${regulationId}/scenarios/${scenario.id}`;

    const client = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamoDbEndpoint));
    const processes = { lindung: process.pid, dynamoDbLocal: dynamoDbLocalPid };
    const timings: { floorSeconds: number; totalsSeconds: number; totalsMaxSeconds: number; listSeconds: number; ratio: number; listPeakRssMb: number; listRssBeforeMb: number }[] = [];
    let result: any;
    for (let pair = 1; pair <= pairCount; pair++) {
      log(`pair ${pair} of ${pairCount}`);
      // A new version each pair: its person list settles its cut afresh, as the first listing of a scenario does.
      if (pair > 1) await call(stack.apiUrl, finance, 'PUT', `/regulations/${regulationId}/scenarios/${scenario.id}`, { ...scenario, name: `${scenario.name} (${pair})` });
      const floor = await measuredPhase(processes, async () => {
        let read = 0;
        await forEachConcurrently(ALL_NIK_BUCKETS, BUCKETS_IN_FLIGHT, async (bucket) => {
          const pages = paginateQuery({ client, pageSize: PAGE_SIZE }, {
            TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': rosterPartition(regulationId, YEAR, bucket) },
            ProjectionExpression: 'nik, #name, birthDate, gender', ExpressionAttributeNames: { '#name': 'name' },
          });
          for await (const page of pages) read += page.Items?.length ?? 0;
        });
        if (read !== people) throw new Error(`the floor read ${read} entries, not ${people}`);
      });
      const totals: number[] = [];
      for (let i = 0; i < TOTALS_CALLS; i++) {
        const started = performance.now();
        result = await call(stack.apiUrl, finance, 'GET', `${base}/simulation`);
        totals.push((performance.now() - started) / 1000);
      }
      const list = await measuredPhase(processes, async () => {
        let listed = 0;
        let funded = 0;
        const listBucket = async (bucket: number) => {
          let after: string | undefined;
          do {
            const page = await call(stack.apiUrl, finance, 'GET', `${base}/people?bucket=${bucket}&limit=${MAX_SCENARIO_PEOPLE_PAGE}${after ? `&after=${after}` : ''}`);
            listed += page.people.length;
            funded += page.people.filter((p: { funded: boolean }) => p.funded).length;
            after = page.after;
          } while (after);
        };
        // The first page settles the cut segment's cut, which the pages after it then read.
        await listBucket(0);
        await forEachConcurrently(ALL_NIK_BUCKETS.slice(1), BUCKETS_IN_FLIGHT, listBucket);
        return { listed, funded };
      });
      if (list.result.listed !== people || list.result.funded !== result.ceiling.fundedHeadcount) {
        throw new Error(`the list gave ${list.result.listed} people, ${list.result.funded} funded; the totals say ${people} and ${result.ceiling.fundedHeadcount}`);
      }
      const ratio = list.seconds / floor.seconds;
      log(`pair ${pair}: floor ${floor.seconds.toFixed(1)} s, totals ${median(totals).toFixed(2)} s (max ${Math.max(...totals).toFixed(2)}), list ${list.seconds.toFixed(1)} s, ratio ${ratio.toFixed(2)}`);
      timings.push({ floorSeconds: floor.seconds, totalsSeconds: median(totals), totalsMaxSeconds: Math.max(...totals), listSeconds: list.seconds, ratio, listRssBeforeMb: list.rssBeforeMb, listPeakRssMb: list.peakRssMb });
    }
    const ratios = timings.map((t) => t.ratio);
    return {
      scenario: 'simulate',
      people,
      totalsSeconds: median(timings.map((t) => t.totalsSeconds)),
      totalsMaxSeconds: Math.max(...timings.map((t) => t.totalsMaxSeconds)),
      listSeconds: median(timings.map((t) => t.listSeconds)),
      floorSeconds: median(timings.map((t) => t.floorSeconds)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      pairs: timings,
      funded: result.ceiling.fundedHeadcount,
      total: result.total,
      peakRssMb: peakRssMb(),
      dynamoDbLocalPeakRssMb: peakRssMbOf(processes.dynamoDbLocal),
    };
  } finally {
    await stop();
  }
}
