import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_COLLECTIVE_ACCOUNT } from '../../infra/local/insurer-simulator';
import type { ShardTally } from '../../shared/core/enrollment/page-tally';
import type { RunPlan } from '../../shared/core/enrollment/run-plan';
import { api, tokenFor } from '../support/api';
import { approvedProposal } from '../support/enrollment';
import { localShardModules } from '../support/local-tables';

/**
 * The money and the no-one-twice invariants below the workflow: shards of two different runs of
 * the same proposal race over the same NIK buckets on DynamoDB Local, and a cap below what the
 * people cost stops commitments at the cap.
 */

let modules: Awaited<ReturnType<typeof localShardModules>>;

beforeAll(async () => {
  modules = await localShardModules();
});

async function planFor(regulationId: string, segments: Record<string, number>, options: { regionCode: string; seed: number }): Promise<{ plan: (runId: string) => RunPlan; proposal: any }> {
  const proposal = await approvedProposal(regulationId, segments, options);
  const regulation = (await api('GET', `/regulations/${regulationId}`, { token: await tokenFor('admin', 'ani') })).body;
  return { proposal, plan: (runId) => modules.runPlanOf(runId, proposal, regulation, LOCAL_COLLECTIVE_ACCOUNT) };
}

/** All 32 shards of a run at once, as the Map runs them. */
async function runAllShards(plan: RunPlan): Promise<ShardTally[]> {
  return Promise.all(
    Array.from({ length: 32 }, (_, bucket) =>
      retryWhileBusy(() => modules.enrollShard(plan, 1, bucket, { ledger: modules.ledger, roster: modules.roster, insurer: modules.insurer, now: () => new Date() })),
    ),
  );
}

/** What Step Functions does with BucketBusyError: try again a little later. */
async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if ((error as Error).name !== 'BucketBusyError') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const sum = (tallies: ShardTally[], key: 'enrolled' | 'failed' | 'skipped') => tallies.reduce((total, tally) => total + tally[key], 0);

describe('enrollment shards', () => {
  it('two runs of one proposal racing over the same buckets enroll each person once and commit the approved amount once', async () => {
    const { proposal, plan } = await planFor('enroll-twin-runs', { KETUA_RT: 150, MARBOT: 40 }, { regionCode: '3601', seed: 701 });
    const [first, second] = await Promise.all([runAllShards(plan('run-twin-first-0001')), runAllShards(plan('run-twin-second-002'))]);
    // Each bucket went to one run first (the lease); the other found its people covered.
    expect(sum(first, 'enrolled') + sum(second, 'enrolled')).toBe(190);
    expect(sum(first, 'skipped') + sum(second, 'skipped')).toBe(190);
    expect(sum(first, 'failed') + sum(second, 'failed')).toBe(0);
    expect((await modules.runs.money(proposal.proposalId)).committed).toBe(proposal.approvedAmount);
  }, 120_000);

  it('stops committing at the cap: whoever does not fit is recorded as BUDGET_EXHAUSTED, not enrolled', async () => {
    const { proposal, plan } = await planFor('enroll-over-cap', { KETUA_RT: 120 }, { regionCode: '3602', seed: 702 });
    const cap = Math.floor(proposal.approvedAmount / 2);
    const tallies = await runAllShards({ ...plan('run-over-cap-00001'), approvedAmount: cap });
    const { committed } = await modules.runs.money(proposal.proposalId);
    expect(committed).toBeLessThanOrEqual(cap);
    expect(committed).toBe(sum(tallies, 'enrolled') * 16_800 * 12);
    expect(sum(tallies, 'enrolled')).toBeGreaterThan(0);
    expect(sum(tallies, 'enrolled') + sum(tallies, 'failed')).toBe(120);
    expect(tallies.reduce((n, tally) => n + (tally.failureReasons.BUDGET_EXHAUSTED ?? 0), 0)).toBe(sum(tallies, 'failed'));
  }, 120_000);
});
