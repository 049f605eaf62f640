import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptCount } from './fixtures/fixture-gates';
import { ShardWorkflowStack } from './fixtures/shard-workflow-stack';
import { SfnHarness, synthesize } from './sfn-harness';

let harness: SfnHarness;
let stateMachineArn: string;

beforeAll(async () => {
  harness = await SfnHarness.start(synthesize((app) => new ShardWorkflowStack(app, 'ShardWorkflowLimits')));
  stateMachineArn = harness.service.stateMachines()[0]!.arn;
});

afterAll(async () => {
  await harness?.close();
});

const run = (runId: string, input: Record<string, unknown>) => harness.run(stateMachineArn, runId, input);

describe("Step Functions' 256 KB state payload limit", () => {
  it('fails the execution when a task result is over the limit, naming the state', async () => {
    const described = await run('big-result', { regionCode: 'JB', memberCount: 10, shardSize: 10, padKb: 300 });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.DataLimitExceeded');
    expect(described.cause).toMatch(/^The output of state PlanShards is 300\.\d KB, over Step Functions' 256 KB limit/);
  });

  it('catches a state output that only ResultPath makes too large, before any later task runs', async () => {
    // The Lambda's result (200 KB) is within the limit; merged into the input (100 KB) it is not.
    const described = await run('big-merge', {
      regionCode: 'JB',
      memberCount: 10,
      shardSize: 10,
      padKb: 200,
      blob: 'b'.repeat(100 * 1024),
    });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.DataLimitExceeded');
    expect(described.cause).toContain('The output of state PlanShards');
    expect(attemptCount('big-merge/0')).toBe(0);
  });

  it('checks states that are not tasks: a Map whose collected results are too large', async () => {
    // Ten shards fail with a 30 KB message each; the Catch keeps every failure in the results.
    const described = await run('big-map', {
      regionCode: 'JB',
      memberCount: 100,
      shardSize: 10,
      shardPadKb: 30,
      behaviours: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i), 'corrupt'])),
    });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.DataLimitExceeded');
    expect(described.cause).toContain('The output of state ProcessShards');

    const { events } = await harness.client.send(
      new GetExecutionHistoryCommand({ executionArn: described.executionArn, reverseOrder: true, maxResults: 1 }),
    );
    expect(events![0]).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.DataLimitExceeded' } });
  });
});
