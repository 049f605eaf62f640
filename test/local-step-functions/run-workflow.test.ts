import {
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localArn } from '../../infra/local/local-names';
import { ShardWorkflowStack } from './fixtures/shard-workflow-stack';
import { SfnHarness, synthesize } from './sfn-harness';

let harness: SfnHarness;
let stateMachineArn: string;

beforeAll(async () => {
  harness = await SfnHarness.start(synthesize((app) => new ShardWorkflowStack(app, 'ShardWorkflowRun')));
  const [machine] = harness.service.stateMachines();
  stateMachineArn = machine!.arn;
});

afterAll(async () => {
  await harness?.close();
});

const run = (runId: string, input: Record<string, unknown>) => harness.run(stateMachineArn, runId, input);

describe('a CDK-built state machine run locally', () => {
  it('is listed and described with its template definition', async () => {
    const listed = await harness.client.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.stateMachineArn)).toEqual([stateMachineArn]);
    expect(stateMachineArn).toMatch(/^arn:aws:states:ap-southeast-3:000000000000:stateMachine:ShardWorkflow[0-9A-F]{8}$/);
    const described = await harness.client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described.type).toBe('STANDARD');
    expect(JSON.parse(described.definition!).StartAt).toBe('PlanShards');
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  it('plans shards, maps over them through both Lambda task forms, and succeeds', async () => {
    const described = await run('happy', { regionCode: 'JB', memberCount: 25, shardSize: 10 });
    expect(described.status).toBe('SUCCEEDED');
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
    expect(JSON.parse(described.output!)).toEqual({
      regionCode: 'JB',
      shardCount: 3,
      results: [
        { shardIndex: 0, status: 'done', processed: 10, attempt: 1, statusCode: 200 },
        { shardIndex: 1, status: 'done', processed: 10, attempt: 1, statusCode: 200 },
        { shardIndex: 2, status: 'done', processed: 5, attempt: 1, statusCode: 200 },
      ],
    });
  });

  it('takes the Choice branch to a Succeed state', async () => {
    const described = await run('empty', { regionCode: 'JB', memberCount: 0, shardSize: 10 });
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!).plan).toEqual({ rejected: false, shardCount: 0, shards: [] });
  });

  it('retries a custom error named by the handler and catches another', async () => {
    const described = await run('retry-catch', {
      regionCode: 'JB',
      memberCount: 30,
      shardSize: 10,
      behaviours: { '1': 'flaky', '2': 'corrupt' },
    });
    expect(described.status).toBe('SUCCEEDED');
    const { results } = JSON.parse(described.output!) as { results: Record<string, unknown>[] };
    expect(results[0]).toMatchObject({ shardIndex: 0, status: 'done', attempt: 1 });
    // ShardBusyError matched the Retry's ErrorEquals; the second attempt succeeded.
    expect(results[1]).toMatchObject({ shardIndex: 1, status: 'done', attempt: 2 });
    // ShardCorruptError matched the Catch; the cause is Lambda's JSON error object.
    expect(results[2]).toMatchObject({ shardIndex: 2, status: 'failed', error: 'ShardCorruptError' });
    expect(JSON.parse(results[2]!.cause as string)).toMatchObject({
      errorType: 'ShardCorruptError',
      errorMessage: 'Shard 2 has unreadable rows',
    });

    const { events } = await harness.client.send(new GetExecutionHistoryCommand({ executionArn: described.executionArn!, maxResults: 1000 }));
    const failures = events!.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error);
    expect(failures.sort()).toEqual(['ShardBusyError', 'ShardCorruptError']);
  });

  it('fails through a Fail state with its error and cause', async () => {
    const described = await run('rejected', { regionCode: 'nowhere', memberCount: 10, shardSize: 10 });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('RegionRejected');
    expect(described.cause).toBe('Unknown region code nowhere');
    expect(described.output).toBeUndefined();
  });

  it('fails with the name of an error that nothing retries or catches', async () => {
    const described = await run('explode', { regionCode: 'JB', memberCount: 20, shardSize: 10, behaviours: { '1': 'explode' } });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('ShardExplodedError');
    expect(JSON.parse(described.cause!)).toMatchObject({ errorType: 'ShardExplodedError', errorMessage: 'Shard 1 blew up' });
  });

  it('records a history with ids, timestamps and state events', async () => {
    const executionArn = localArn.execution(stateMachineArn.split(':').at(-1)!, 'happy');
    const { events } = await harness.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const types = events!.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types).toContain('TaskStateEntered');
    expect(types).toContain('TaskStateExited');
    expect(types).toContain('MapIterationStarted');
    expect(types).toContain('ChoiceStateEntered');
    expect(events!.map((e) => e.id)).toEqual(events!.map((_, i) => i + 1));
    expect(events![0]!.timestamp).toBeInstanceOf(Date);
    const planned = events!.find((e) => e.type === 'TaskStateExited' && e.stateExitedEventDetails?.name === 'PlanShards');
    expect(JSON.parse(planned!.stateExitedEventDetails!.output!).plan.shardCount).toBe(3);

    const page = await harness.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true }));
    expect(page.events!.map((e) => e.type)).toEqual(['ExecutionSucceeded', types.at(-2)]);
    expect(page.nextToken).toBeDefined();
  });
});
