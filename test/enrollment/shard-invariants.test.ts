import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_COLLECTIVE_ACCOUNT, LOCAL_INSURER_API_KEY } from '../../infra/local/insurer-simulator';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import type { ShardTally } from '../../shared/enrollment/page-tally';
import type { RunPlan } from '../../shared/enrollment/run-plan';
import { api, tokenFor } from '../support/api';
import { approvedProposal } from '../support/enrollment';

/**
 * The money and the no-one-twice invariants below the workflow: shards of two different runs of
 * the same proposal race over the same NIK buckets on DynamoDB Local, and a cap below what the
 * people cost stops commitments at the cap.
 */

// The stores read these when they are first imported, so the modules are loaded after.
let modules: {
  enrollShard: typeof import('../../shared/enrollment/enroll-shard').enrollShard;
  runPlanOf: typeof import('../../shared/enrollment/run-plan').runPlanOf;
  ledger: import('../../shared/adapters/dynamodb/dynamodb-enrollment-ledger').DynamoDbEnrollmentLedger;
  roster: import('../../shared/adapters/dynamodb/dynamodb-roster-reader').DynamoDbRosterReader;
  runs: import('../../shared/adapters/dynamodb/dynamodb-run-store').DynamoDbRunStore;
  insurer: import('../../shared/adapters/insurer/http-insurer-client').HttpInsurerClient;
};

beforeAll(async () => {
  const endpoint = inject('dynamoDbEndpoint');
  const tables = (await localDynamoDbClient(endpoint).send(new ListTablesCommand({}))).TableNames ?? [];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    MAIN_TABLE: tables.find((name) => name.startsWith('DataMain'))!,
    AUDIT_TABLE: tables.find((name) => name.startsWith('DataAudit'))!,
  });
  const [{ enrollShard }, { runPlanOf }, { DynamoDbEnrollmentLedger }, { DynamoDbRosterReader }, { DynamoDbRunStore }, { HttpInsurerClient }] = await Promise.all([
    import('../../shared/enrollment/enroll-shard'),
    import('../../shared/enrollment/run-plan'),
    import('../../shared/adapters/dynamodb/dynamodb-enrollment-ledger'),
    import('../../shared/adapters/dynamodb/dynamodb-roster-reader'),
    import('../../shared/adapters/dynamodb/dynamodb-run-store'),
    import('../../shared/adapters/insurer/http-insurer-client'),
  ]);
  modules = {
    enrollShard,
    runPlanOf,
    ledger: new DynamoDbEnrollmentLedger(),
    roster: new DynamoDbRosterReader(),
    runs: new DynamoDbRunStore(),
    insurer: new HttpInsurerClient({ baseUrl: inject('insurerUrl'), apiKey: LOCAL_INSURER_API_KEY }),
  };
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
