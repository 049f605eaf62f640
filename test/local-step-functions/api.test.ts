import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_PAYLOAD_LIMIT_BYTES } from '../../infra/local/payload-limits';
import { gateEntries, openGate } from './fixtures/fixture-gates';
import { ShardWorkflowStack } from './fixtures/shard-workflow-stack';
import { eventually, SfnHarness, synthesize } from './sfn-harness';

let harness: SfnHarness;
let stateMachineArn: string;

beforeAll(async () => {
  harness = await SfnHarness.start(synthesize((app) => new ShardWorkflowStack(app, 'ShardWorkflowApi')));
  stateMachineArn = harness.service.stateMachines()[0]!.arn;
});

afterAll(async () => {
  for (const gate of ['idempotent', 'listed-running', 'stopped']) openGate(gate);
  await harness?.close();
});

function input(runId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ runId, regionCode: 'JB', memberCount: 10, shardSize: 10, ...extra });
}

/** An execution whose only shard waits at the gate named after it until the test opens it. */
async function startWaiting(name: string) {
  const started = await harness.client.send(
    new StartExecutionCommand({ stateMachineArn, name, input: input(name, { behaviours: { '0': 'wait' } }) }),
  );
  await eventually(() => gateEntries(name) > 0);
  return started;
}

describe('StartExecution', () => {
  it('returns at once and names an unnamed execution with a UUID', async () => {
    const started = await harness.client.send(new StartExecutionCommand({ stateMachineArn, input: input('unnamed') }));
    expect(started.executionArn).toMatch(/:execution:ShardWorkflow[0-9A-F]{8}:[0-9a-f-]{36}$/);
    expect(started.startDate).toBeInstanceOf(Date);
    expect((await harness.waitForEnd(started.executionArn!)).status).toBe('SUCCEEDED');
  });

  it('is idempotent for the same name and input while RUNNING, and refuses a reused name otherwise', async () => {
    const first = await startWaiting('idempotent');
    const again = await harness.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'idempotent', input: input('idempotent', { behaviours: { '0': 'wait' } }) }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(
      harness.client.send(new StartExecutionCommand({ stateMachineArn, name: 'idempotent', input: input('other') })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });

    openGate('idempotent');
    expect((await harness.waitForEnd(first.executionArn!)).status).toBe('SUCCEEDED');
    await expect(
      harness.client.send(
        new StartExecutionCommand({ stateMachineArn, name: 'idempotent', input: input('idempotent', { behaviours: { '0': 'wait' } }) }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('rejects an input over 256 KB, naming the state machine', async () => {
    const big = input('too-big', { blob: 'z'.repeat(STATE_PAYLOAD_LIMIT_BYTES) });
    const error = await harness.client.send(new StartExecutionCommand({ stateMachineArn, name: 'too-big', input: big })).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'InvalidExecutionInput' });
    expect((error as Error).message).toContain(stateMachineArn.split(':').at(-1));
    expect((error as Error).message).toContain('256 KB');
    await expect(
      harness.client.send(new DescribeExecutionCommand({ executionArn: stateMachineArn.replace(':stateMachine:', ':execution:') + ':too-big' })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('rejects input that is not JSON, bad names and unknown or malformed ARNs', async () => {
    await expect(harness.client.send(new StartExecutionCommand({ stateMachineArn, input: '{nope' }))).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(harness.client.send(new StartExecutionCommand({ stateMachineArn, name: 'has space' }))).rejects.toMatchObject({
      name: 'InvalidName',
    });
    await expect(harness.client.send(new StartExecutionCommand({ stateMachineArn, name: 'x'.repeat(81) }))).rejects.toMatchObject({
      name: 'InvalidName',
    });
    await expect(harness.client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}Gone` }))).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    await expect(harness.client.send(new StartExecutionCommand({ stateMachineArn: 'arn:nope' }))).rejects.toMatchObject({
      name: 'InvalidArn',
    });
    await expect(harness.client.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' }))).rejects.toMatchObject({
      name: 'InvalidArn',
    });
  });
});

describe('ListExecutions', () => {
  it('lists newest first, filters by status and pages', async () => {
    const ok = await harness.client.send(new StartExecutionCommand({ stateMachineArn, name: 'listed-ok', input: input('listed-ok') }));
    await harness.waitForEnd(ok.executionArn!);
    const failed = await harness.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'listed-failed', input: input('listed-failed', { regionCode: '??' }) }),
    );
    await harness.waitForEnd(failed.executionArn!);
    const running = await startWaiting('listed-running');

    const all = await harness.client.send(new ListExecutionsCommand({ stateMachineArn }));
    const names = all.executions!.map((e) => e.name);
    expect(names.indexOf('listed-running')).toBeLessThan(names.indexOf('listed-failed'));
    expect(names.indexOf('listed-failed')).toBeLessThan(names.indexOf('listed-ok'));

    const failedOnly = await harness.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'FAILED' }));
    expect(failedOnly.executions!.map((e) => e.name)).toEqual(['listed-failed']);
    expect(failedOnly.executions![0]!.stopDate).toBeInstanceOf(Date);
    const runningOnly = await harness.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(runningOnly.executions!.map((e) => e.executionArn)).toEqual([running.executionArn]);

    const first = await harness.client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1 }));
    expect(first.executions).toHaveLength(1);
    const second = await harness.client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1, nextToken: first.nextToken }));
    expect(second.executions![0]!.name).not.toBe(first.executions![0]!.name);

    openGate('listed-running');
    expect((await harness.waitForEnd(running.executionArn!)).status).toBe('SUCCEEDED');
  });
});

describe('StopExecution', () => {
  it('aborts a running execution with the given error and cause', async () => {
    const started = await startWaiting('stopped');
    const stopped = await harness.client.send(
      new StopExecutionCommand({ executionArn: started.executionArn, error: 'Operator.Cancelled', cause: 'Wrong region' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const described = await harness.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator.Cancelled', cause: 'Wrong region' });

    // The handler that was running finishes later; the execution stays ABORTED.
    openGate('stopped');
    await harness.service.idle();
    const after = await harness.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(after.status).toBe('ABORTED');
    expect(after.output).toBeUndefined();
    const { events } = await harness.client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true }));
    expect(events![0]).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator.Cancelled' } });
  });
});

describe('the AWS JSON protocol', () => {
  it('answers an unknown operation and a missing ARN with the errors the SDK understands', async () => {
    expect(await harness.service.handle('AWSStepFunctions.CreateActivity', {})).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException' },
    });
    expect(await harness.service.handle('AWSStepFunctions.DescribeExecution', {})).toMatchObject({
      status: 400,
      body: { __type: 'ValidationException' },
    });
    const described = await harness.service.handle('AWSStepFunctions.DescribeStateMachine', { stateMachineArn });
    expect(typeof (described.body as { creationDate: unknown }).creationDate).toBe('number');
  });
});
