import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_COLLECTIVE_ACCOUNT } from '../../infra/local/insurer-simulator';
import type { RosterLedger } from '../../shared/core/roster/roster-ledger';
import type { Insurer } from '../../shared/core/enrollment/insurer-port';
import type { RunPlan } from '../../shared/core/enrollment/run-plan';
import { runTally } from '../../shared/core/enrollment/run-view';
import { NIK_BUCKETS } from '../../shared/core/people/nik-bucket';
import { api, tokenFor } from '../support/api';
import { approvedProposal } from '../support/enrollment';
import { localShardModules } from '../support/local-tables';

/**
 * Live counts never go down. One NIK bucket's shard on DynamoDB Local is interrupted after it
 * reported three of its four pages, then run again as Step Functions would, with a slow roster
 * read (as under load), so that it reports progress before it has been through the pages it
 * reported before; then a retry attempt goes through the bucket again. The run's counts are read
 * throughout, as the run page reads them.
 */

let modules: Awaited<ReturnType<typeof localShardModules>>;

beforeAll(async () => {
  modules = await localShardModules();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first NIK bucket with people of every funded segment: its shard has a page per segment. */
async function bucketWithEverySegment(plan: RunPlan): Promise<{ bucket: number; people: number }> {
  for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
    const pages = await Promise.all(plan.segments.map((s) => modules.roster.segmentPeople(plan.regulationId, plan.year, s.segment, bucket, undefined, 500)));
    if (pages.every((page) => page.people.length > 0)) return { bucket, people: pages.reduce((sum, page) => sum + page.people.length, 0) };
  }
  throw new Error('no NIK bucket has people of every segment');
}

/** Runs `work` while reading the run's counts every 50 ms, as the run page does; returns what was read. */
async function watched(runId: string, work: () => Promise<unknown>): Promise<{ seen: number[][]; outcome: PromiseSettledResult<unknown> }> {
  const seen: number[][] = [];
  let running = true;
  const watching = (async () => {
    while (running) {
      const tally = runTally(await modules.runs.shards(runId));
      seen.push([tally.enrolled, tally.skipped, tally.enrolled + tally.skipped + tally.failed]);
      await sleep(50);
    }
  })();
  const [outcome] = await Promise.allSettled([work()]);
  running = false;
  await watching;
  return { seen, outcome: outcome! };
}

function expectNeverDown(seen: number[][], from: number[]): void {
  let last = from;
  for (const counts of seen) {
    for (const [i, n] of counts.entries()) expect(n, `count ${i} went from ${last[i]} to ${n} (${JSON.stringify(seen)})`).toBeGreaterThanOrEqual(last[i]!);
    last = counts;
  }
}

describe('live enrollment counts', () => {
  it('never go down when a shard is run again after a crash, nor when a retry goes through the bucket again', async () => {
    const regulationId = 'enroll-live-counts';
    const proposal = await approvedProposal(regulationId, { KETUA_RT: 60, KETUA_RW: 60, GURU_MENGAJI: 60, KADER_KESEHATAN: 60 }, { regionCode: '3672', seed: 1201, firstSerial: 8000 });
    const regulation = (await api('GET', `/regulations/${regulationId}`, { token: await tokenFor('admin', 'ani') })).body;
    const plan = modules.runPlanOf('run-live-counts-0001', proposal, regulation, LOCAL_COLLECTIVE_ACCOUNT);
    const [, , third, fourth] = plan.segments.map((s) => s.segment);
    const { bucket, people } = await bucketWithEverySegment(plan);
    const deps = { ledger: modules.ledger, roster: modules.roster, insurer: modules.insurer as Insurer, now: () => new Date() };

    // The first run of the shard: the third page takes over a second (so its progress is written
    // with three pages), and the process dies while the fourth page is at the insurer.
    const crashing: Insurer = {
      maxBatchSize: modules.insurer.maxBatchSize,
      registerBatch: async (request) => {
        const segment = request.people[0]!.segment;
        if (segment === fourth) throw new Error('simulated crash while the insurer is called');
        if (segment === third) await sleep(1_100);
        return modules.insurer.registerBatch(request);
      },
    };
    const crashed = await watched(plan.runId, () => modules.enrollShard(plan, 1, bucket, { ...deps, insurer: crashing }));
    expect(crashed.outcome.status).toBe('rejected');
    const atCrash = runTally(await modules.runs.shards(plan.runId));
    expect(atCrash.enrolled).toBeGreaterThan(0);
    expect(atCrash.enrolled).toBeLessThan(people);
    expectNeverDown(crashed.seen, [0, 0, 0]);

    // Run again: reading the roster takes 600 ms a page, so the first progress is written after
    // two pages, fewer than the crashed run had reported.
    const slowRoster: Pick<RosterLedger, 'segmentPeople'> = {
      segmentPeople: async (...args) => {
        await sleep(600);
        return modules.roster.segmentPeople(...args);
      },
    };
    const resumed = await watched(plan.runId, () => modules.enrollShard(plan, 1, bucket, { ...deps, roster: slowRoster }));
    expect(resumed.outcome.status).toBe('fulfilled');
    expectNeverDown(resumed.seen, [atCrash.enrolled, atCrash.skipped, atCrash.enrolled + atCrash.skipped + atCrash.failed]);
    const finished = runTally(await modules.runs.shards(plan.runId));
    expect(finished).toMatchObject({ enrolled: people, skipped: 0, failed: 0 });

    // A retry attempt goes through the bucket again from its first page.
    const retried = await watched(plan.runId, () => modules.enrollShard(plan, 2, bucket, { ...deps, roster: slowRoster }));
    expect(retried.outcome.status).toBe('fulfilled');
    expect(retried.seen.length).toBeGreaterThan(20);
    expectNeverDown(retried.seen, [people, 0, people]);
    expect(runTally(await modules.runs.shards(plan.runId))).toEqual(finished);
  }, 120_000);
});
